import { useId } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useWorkspaces } from './WorkspaceProvider';

/** "Personal" for the personal workspace whatever it is named, so it reads the same for everyone. */
export function workspaceLabel(workspace: { name: string; personal: boolean }): string {
  return workspace.personal ? `${workspace.name} (personal)` : workspace.name;
}

/**
 * A page about one task or project belongs to the workspace being left: after a switch it
 * would show another workspace's thing, so its list is shown instead.
 */
export function pathAfterSwitch(pathname: string): string | undefined {
  if (/^\/tasks\/\d+/.test(pathname)) return '/tasks';
  return undefined;
}

/**
 * The shell's workspace switcher: a native select (arrow keys, type-ahead, screen readers for
 * free). With only the personal workspace there is nothing to switch to; a link offers a team.
 */
export function WorkspaceSwitcher() {
  const { workspaces, current, select } = useWorkspaces();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const id = useId();
  if (current === undefined) return null;
  if (workspaces.length < 2) {
    return (
      <Link className="topbar__link workspace-switcher__team" to="/workspace">
        Create a team
      </Link>
    );
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="workspace-switcher__label">
        Workspace
      </label>
      <select
        id={id}
        className="field__control workspace-switcher__select"
        value={current.id}
        onChange={(event) => {
          select(Number(event.target.value));
          const next = pathAfterSwitch(pathname);
          if (next !== undefined) void navigate(next);
        }}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspaceLabel(workspace)}
          </option>
        ))}
      </select>
    </div>
  );
}
