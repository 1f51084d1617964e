import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import TaskEntries from './TaskEntries';
import { entry, renderInApp, signedInHandlers } from './testing';

// The test user lives in Europe/London: GMT (UTC+0) until 29 March 2026, BST (UTC+1) after.
const entries = [
  entry({ id: 1, started_at: '2026-03-02T09:00:00Z', ended_at: '2026-03-02T10:30:00Z' }),
  entry({
    id: 2,
    started_at: '2026-04-01T22:30:00Z',
    ended_at: '2026-04-02T01:15:00Z',
    note: 'release night',
    source: 'timer',
  }),
];

async function openLogForm() {
  const type = userEvent.setup();
  await type.click(await screen.findByRole('button', { name: 'Log time' }));
  const dialog = await screen.findByRole('dialog', { name: 'Log time' });
  const date = within(dialog).getByLabelText('Date');
  await type.clear(date);
  await type.type(date, '2026-03-05');
  await type.type(within(dialog).getByLabelText('Start'), '09:00');
  await type.type(within(dialog).getByLabelText('End'), '10:30');
  await type.type(within(dialog).getByLabelText('Note'), 'pairing');
  await type.click(within(dialog).getByRole('button', { name: 'Log time' }));
  return { type, dialog };
}

describe('TaskEntries', () => {
  it('lists the task’s entries newest first, in the profile’s zone', async () => {
    renderInApp(
      fakeApi(signedInHandlers({ 'GET /time-entries': () => json(entries) })),
      <TaskEntries taskId={7} />,
    );
    const items = await screen.findAllByRole('listitem');
    // 22:30Z on 1 April is 23:30 BST; the entry ends on 2 April at 02:15 BST.
    expect(items[0]).toHaveTextContent('Apr 1, 2026');
    expect(items[0]).toHaveTextContent('11:30 PM – 2:15 AM (next day)');
    expect(items[0]).toHaveTextContent('2 h 45 min');
    expect(items[0]).toHaveTextContent('release night');
    expect(items[1]).toHaveTextContent('9:00 AM – 10:30 AM');
    expect(items[1]).toHaveTextContent('1 h 30 min');
  });

  it('shows a future-time 422 on the End field and keeps what was typed', async () => {
    const api = fakeApi(
      signedInHandlers({
        'GET /time-entries': () => json([]),
        'POST /tasks/7/time-entries': () =>
          problem(422, 'validation_failed', {
            errors: [{ location: 'body.ended_at', message: 'must not be in the future' }],
          }),
      }),
    );
    renderInApp(api, <TaskEntries taskId={7} />);
    const { dialog } = await openLogForm();

    const end = within(dialog).getByLabelText('End');
    expect(await within(dialog).findByText('Must not be in the future')).toBeVisible();
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription('Must not be in the future');
    expect(within(dialog).getByLabelText('Date')).toHaveValue('2026-03-05');
    expect(within(dialog).getByLabelText('Start')).toHaveValue('09:00');
    expect(end).toHaveValue('10:30');
    expect(within(dialog).getByLabelText('Duration')).toHaveValue('1:30');
    expect(within(dialog).getByLabelText('Note')).toHaveValue('pairing');

    const sent = api.requests.find((r) => r.method === 'POST' && r.url.endsWith('/time-entries'));
    // London is on GMT on 5 March: local 09:00 is 09:00Z.
    expect(await sent?.json()).toEqual({
      started_at: '2026-03-05T09:00:00.000Z',
      ended_at: '2026-03-05T10:30:00.000Z',
      note: 'pairing',
    });
  });

  it('says an overlap on the form, which stays open with what was typed', async () => {
    renderInApp(
      fakeApi(
        signedInHandlers({
          'GET /time-entries': () => json([]),
          'POST /tasks/7/time-entries': () => problem(409, 'time_entry_overlap'),
        }),
      ),
      <TaskEntries taskId={7} />,
    );
    const { dialog } = await openLogForm();

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This time overlaps another entry. Change the start or end.',
    );
    expect(within(dialog).getByLabelText('Start')).toHaveValue('09:00');
    expect(within(dialog).getByLabelText('Note')).toHaveValue('pairing');
  });

  it('edits only what changed, and deletes after confirming', async () => {
    const api = fakeApi(
      signedInHandlers({
        'GET /time-entries': () => json(entries),
        'PATCH /time-entries/1': () => json({ ...entries[0], note: 'review' }),
        'DELETE /time-entries/2': () => new Response(null, { status: 204 }),
      }),
    );
    renderInApp(api, <TaskEntries taskId={7} />);
    const type = userEvent.setup();

    await type.click(
      await screen.findByRole('button', { name: 'Edit entry of Mar 2, 2026, 9:00 AM – 10:30 AM' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit time entry' });
    await type.type(within(dialog).getByLabelText('Note'), 'review');
    await type.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Time entry saved')).toBeVisible();
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(await patch?.json()).toEqual({ note: 'review' });

    await type.click(screen.getByRole('button', { name: /^Delete entry of Apr 1, 2026/ }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this time entry?' });
    await type.click(within(confirm).getByRole('button', { name: 'Delete entry' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual([
      'http://devtrackr.test/time-entries/2',
    ]);
  });
});
