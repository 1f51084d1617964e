import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, requestsTo } from '../tasks/testTasks';
import { tokenFromHash } from './InvitePage';
import { acme, personal, teamHandlers } from './testTeam';
import { WORKSPACE_STORAGE_KEY } from './WorkspaceProvider';

const TOKEN = 'dti_abc123';

afterEach(() => {
  sessionStorage.clear();
});

describe('the invite page', () => {
  it('asks first, joins with the token, then switches to the workspace', async () => {
    let joined = false;
    const api = fakeApi(
      teamHandlers([personal], {
        'GET /workspaces': () =>
          json(joined ? [personal, { ...acme, role: 'member' }] : [personal]),
        'POST /invitations/accept': () => {
          joined = true;
          return json({ workspace: { ...acme, role: 'member' }, role: 'member' });
        },
      }),
    );
    const view = renderApp(api, `/invite#${TOKEN}`);
    const user = userEvent.setup();

    await screen.findByRole('heading', { level: 1, name: 'Join a workspace?' }, FIRST_RENDER);
    expect(await screen.findByText(/You are signed in as/)).toHaveTextContent('ada@example.com');
    // Nothing is accepted before the person says so.
    expect(requestsTo(api.requests, 'POST', '/invitations/accept')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Accept and join' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome to Acme' }),
    ).toBeInTheDocument();
    expect(screen.getByText('You joined Acme as member.')).toBeInTheDocument();
    const [accept] = requestsTo(api.requests, 'POST', '/invitations/accept');
    expect(await accept?.json()).toEqual({ token: TOKEN });
    // Now in that workspace, and the spent token is out of the address.
    expect(sessionStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(String(acme.id));
    await waitFor(() => {
      expect(screen.getByRole('combobox', { name: 'Workspace' })).toHaveValue(String(acme.id));
    });
    expect(view.location.current?.hash).toBe('');
  });

  it.each([
    [409, 'invitation_used', 'This invitation has already been used. Ask for a new one.'],
    [
      410,
      'invitation_expired',
      'This invitation has expired. Ask the person who invited you for a new one.',
    ],
    [
      403,
      'invitation_email_mismatch',
      'This invitation is for another email address. Sign in with the address it was sent to.',
    ],
    [409, 'already_member', 'This person is already a member of the workspace.'],
  ])('says why a %i %s cannot be accepted, and stops offering it', async (status, code, text) => {
    const api = fakeApi(
      teamHandlers([personal], { 'POST /invitations/accept': () => problem(status, code) }),
    );
    renderApp(api, `/invite#${TOKEN}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept and join' }, FIRST_RENDER));
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByRole('button', { name: 'Accept and join' })).not.toBeInTheDocument();
  });

  it('keeps Accept after a failure that may pass (the server was down)', async () => {
    const api = fakeApi(
      teamHandlers([personal], { 'POST /invitations/accept': () => problem(503, 'server_busy') }),
    );
    renderApp(api, `/invite#${TOKEN}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept and join' }, FIRST_RENDER));
    expect(await screen.findByRole('alert')).toHaveTextContent(/busy or briefly unavailable/);
    expect(screen.getByRole('button', { name: 'Accept and join' })).toBeInTheDocument();
  });

  it('says so when the link lost its token', async () => {
    renderApp(fakeApi(teamHandlers([personal])), '/invite');
    expect(
      await screen.findByText('This link has no invitation in it.', {}, FIRST_RENDER),
    ).toBeInTheDocument();
  });

  it('keeps the token through sign-in', async () => {
    // Signed out: the refresh answers 204, so RequireAuth sends the person to sign in.
    const view = renderApp(fakeApi({}), `/invite#${TOKEN}`);
    await screen.findByRole('heading', { name: /sign in/i }, FIRST_RENDER);
    expect(new URLSearchParams(view.location.current?.search).get('next')).toBe(`/invite#${TOKEN}`);
  });

  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#dti_x%2By')).toBe('dti_x+y');
    expect(tokenFromHash('')).toBe('');
  });
});
