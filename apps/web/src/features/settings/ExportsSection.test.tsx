import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { renderPage, settingsApi } from './settingsTestApi';

const CSV = 'id,title\r\n1,Fix login redirect\r\n';

/** What the browser was asked to save: jsdom has no object URLs and cannot download. */
const saved: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  saved.length = 0;
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob !== undefined) saved.push({ name: this.download, blob });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('exports', () => {
  it('downloads through the SDK and saves the file under the server’s name', async () => {
    const api = settingsApi({
      'GET /tasks/export': () =>
        new Response(CSV, {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="devtrackr-tasks-2025-03-01.csv"',
          },
        }),
    });
    await renderPage(api, '/settings', 'Settings');
    const section = within(await screen.findByRole('region', { name: 'Export your data' }));
    await userEvent.setup().click(section.getByRole('button', { name: 'Download tasks as CSV' }));

    await vi.waitFor(() => {
      expect(saved).toHaveLength(1);
    });
    expect(saved[0]?.name).toBe('devtrackr-tasks-2025-03-01.csv');
    expect(await saved[0]?.blob.text()).toBe(CSV);
    const request = api.requests.find((r) => new URL(r.url).pathname === '/tasks/export');
    expect(new URL(request?.url ?? '').search).toBe('?format=csv');
    // With the session's bearer token: a plain link could not have sent it.
    expect(request?.headers.get('authorization')).toBe('Bearer test-access-token');
  });

  it('says why an export failed', async () => {
    const api = settingsApi({
      'GET /time-entries/export': () =>
        problem(503, 'database_unavailable', {}, { 'retry-after': '30' }),
    });
    await renderPage(api, '/settings', 'Settings');
    const section = within(await screen.findByRole('region', { name: 'Export your data' }));
    await userEvent
      .setup()
      .click(section.getByRole('button', { name: 'Download time entries as JSON' }));

    expect(await section.findByRole('alert')).toHaveTextContent(
      'The export failed. DevTrackr is busy or briefly unavailable. Try again in 30 seconds.',
    );
    expect(saved).toEqual([]);
  });
});
