import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER } from '../tasks/testTasks';
import { acme, personal, teamHandlers } from './testTeam';
import { WORKSPACE_STORAGE_KEY } from './WorkspaceProvider';

beforeAll(() => {
  // jsdom lacks what cmdk uses to size its list and keep the selection in view.
  if (!('ResizeObserver' in globalThis)) {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!('scrollIntoView' in Element.prototype)) {
    Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined });
  }
});

afterEach(() => {
  sessionStorage.clear();
});

describe('Switch workspace… in the command palette', () => {
  it('lists the workspaces, and choosing one switches, from the keyboard alone', async () => {
    renderApp(fakeApi(teamHandlers([personal, acme])), '/week');
    const switcher = await screen.findByRole('combobox', { name: 'Workspace' }, FIRST_RENDER);
    const type = userEvent.setup();

    await type.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Command palette' }, FIRST_RENDER);
    const input = within(dialog).getByRole('combobox', { name: 'Command' });
    await type.type(input, 'switch');
    await type.keyboard('{Enter}');
    await waitFor(() => {
      expect(
        within(dialog)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Personal (current)', 'Acme']);
    });
    await type.type(input, 'acm');
    await type.keyboard('{Enter}');

    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
    });
    expect(switcher).toHaveValue(String(acme.id));
    expect(sessionStorage.getItem(WORKSPACE_STORAGE_KEY)).toBe(String(acme.id));
  });
});
