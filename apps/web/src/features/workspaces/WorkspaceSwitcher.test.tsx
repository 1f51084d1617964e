import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, queryOf, requestsTo } from '../tasks/testTasks';
import { acme, personal, teamHandlers } from './testTeam';
import { pathAfterSwitch } from './WorkspaceSwitcher';
import { pickCurrent, WORKSPACE_STORAGE_KEY } from './WorkspaceProvider';

afterEach(() => {
  sessionStorage.clear();
});

const navLinks = async () =>
  within(await screen.findByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('the workspace switcher', () => {
  it('starts in the personal workspace, and shows another one’s tasks when switched', async () => {
    const api = fakeApi(teamHandlers([personal, acme]));
    renderApp(api, '/tasks');
    const user = userEvent.setup();

    const select = await screen.findByRole('combobox', { name: 'Workspace' }, FIRST_RENDER);
    expect(select).toHaveValue(String(personal.id));
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Personal', 'Acme']);
    // The personal workspace's list, and its navigation as before teams.
    await waitFor(() => {
      expect(queryOf(requestsTo(api.requests, 'GET', '/tasks').at(-1)).get('workspace_id')).toBe(
        '1',
      );
    });
    expect(await navLinks()).toEqual(['Dashboard', 'Tasks', 'Board', 'Week', 'Settings']);

    await user.selectOptions(select, 'Acme');
    await waitFor(() => {
      expect(queryOf(requestsTo(api.requests, 'GET', '/tasks').at(-1)).get('workspace_id')).toBe(
        '2',
      );
    });
    expect(sessionStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe('2');
    // A team workspace adds its projects and the team's figures.
    expect(await navLinks()).toEqual([
      'Dashboard',
      'Tasks',
      'Board',
      'Week',
      'Projects',
      'Team',
      'Settings',
    ]);
  });

  it('comes back to the workspace this tab chose, and offers a team to someone alone', async () => {
    sessionStorage.setItem(WORKSPACE_STORAGE_KEY, '2');
    const api = fakeApi(teamHandlers([personal, acme]));
    const view = renderApp(api, '/tasks');
    expect(await screen.findByRole('combobox', { name: 'Workspace' }, FIRST_RENDER)).toHaveValue(
      '2',
    );
    view.unmount();

    sessionStorage.clear();
    renderApp(fakeApi(teamHandlers([personal])), '/tasks');
    expect(
      await screen.findByRole('link', { name: 'Create a team' }, FIRST_RENDER),
    ).toHaveAttribute('href', '/app/workspace');
    expect(screen.queryByRole('combobox', { name: 'Workspace' })).not.toBeInTheDocument();
  });

  it('falls back to the personal workspace when the chosen one is gone', () => {
    expect(pickCurrent([personal, acme], 99)).toBe(personal);
    expect(pickCurrent([acme, personal], undefined)).toBe(personal);
    expect(pickCurrent([acme], undefined)).toBe(acme);
    expect(pickCurrent([], 2)).toBeUndefined();
  });

  it('leaves a task of the old workspace for the list', () => {
    expect(pathAfterSwitch('/tasks/12')).toBe('/tasks');
    expect(pathAfterSwitch('/tasks')).toBeUndefined();
    expect(pathAfterSwitch('/week')).toBeUndefined();
  });
});
