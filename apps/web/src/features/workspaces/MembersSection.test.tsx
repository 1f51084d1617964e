import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, json, problem, user as me } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, requestsTo } from '../tasks/testTasks';
import { assignableRoles } from './roles';
import { acme, makeMember, personal, teamHandlers } from './testTeam';
import type { Member, Workspace } from './teamTypes';
import { WORKSPACE_STORAGE_KEY } from './WorkspaceProvider';

afterEach(() => {
  sessionStorage.clear();
});

const members: Member[] = [
  makeMember(me.id, { full_name: me.full_name, email: me.email, role: 'owner' }),
  makeMember(5, { full_name: 'Grace Hopper', role: 'member' }),
];

function membersApi(workspace: Workspace, more = {}) {
  sessionStorage.setItem(WORKSPACE_STORAGE_KEY, String(workspace.id));
  return fakeApi(
    teamHandlers([personal, workspace], {
      'GET /workspaces/2/members': () => json(members),
      'GET /workspaces/2/invitations': () => json([]),
      ...more,
    }),
  );
}

const membersTable = async () =>
  within(await screen.findByRole('table', { name: 'Members of Acme' }, FIRST_RENDER));

describe('workspace members', () => {
  it('changes a member’s role with its menu, saved at once', async () => {
    let saved = members;
    const api = membersApi(acme, {
      'GET /workspaces/2/members': () => json(saved),
      'PATCH /workspaces/2/members/5': async (request: Request) => {
        const { role } = (await request.json()) as { role: Member['role'] };
        saved = members.map((m) => (m.user_id === 5 ? { ...m, role } : m));
        return json(saved[1]);
      },
    });
    renderApp(api, '/workspace');
    const user = userEvent.setup();
    const table = await membersTable();

    const role = await table.findByRole('combobox', { name: 'Role of Grace Hopper' });
    await user.selectOptions(role, 'Admin');
    const [patch] = requestsTo(api.requests, 'PATCH', '/workspaces/2/members/5');
    expect(await patch?.json()).toEqual({ role: 'admin' });
    await waitFor(() => {
      expect(table.getByRole('combobox', { name: 'Role of Grace Hopper' })).toHaveValue('admin');
    });
  });

  it('says why the last owner cannot step down, and shows the role the server kept', async () => {
    const api = membersApi(acme, {
      [`PATCH /workspaces/2/members/${me.id}`]: () => problem(409, 'last_owner'),
    });
    renderApp(api, '/workspace');
    const user = userEvent.setup();
    const table = await membersTable();
    const mine = await table.findByRole('combobox', { name: `Role of ${me.full_name}` });
    await user.selectOptions(mine, 'Member');
    expect(await screen.findByText(/The role was not changed/)).toHaveTextContent(
      'A workspace needs an owner. Make someone else an owner first.',
    );
    expect(mine).toHaveValue('owner');
  });

  it('shows a member the roles without menus, and no invitations', async () => {
    const api = membersApi({ ...acme, role: 'member' });
    renderApp(api, '/workspace');
    const table = await membersTable();
    expect(await table.findByText('Grace Hopper')).toBeInTheDocument();
    expect(table.queryByRole('combobox')).not.toBeInTheDocument();
    // Leaving is theirs; removing others is not.
    expect(table.getByRole('button', { name: 'Leave' })).toBeInTheDocument();
    expect(table.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Invitations' })).not.toBeInTheDocument();
  });

  it('gives admins the roles below owner, and owners every role', () => {
    expect(assignableRoles('owner', 'owner')).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(assignableRoles('admin', 'member')).toEqual(['admin', 'member', 'viewer']);
    expect(assignableRoles('admin', 'owner')).toEqual([]);
    expect(assignableRoles('member', 'viewer')).toEqual([]);
    expect(assignableRoles('viewer', 'viewer')).toEqual([]);
  });
});
