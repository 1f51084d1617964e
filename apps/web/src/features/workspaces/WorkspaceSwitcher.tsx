import { Link, useLocation, useNavigate } from 'react-router';
import { Select } from '../../components/Select';
import { useWorkspaces } from './WorkspaceProvider';

/** A workspace's name, with "(personal)" when a renamed personal one would not say so. */
export function workspaceLabel(workspace: { name: string; personal: boolean }): string {
  return workspace.personal && !/personal/i.test(workspace.name)
    ? `${workspace.name} (personal)`
    : workspace.name;
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
  if (current === undefined) return null;
  if (workspaces.length < 2) {
    return (
      <Link className="topbar__link workspace-switcher__team" to="/workspace">
        Create a team
      </Link>
    );
  }
  // Compact like the theme switch beside it: the label is for screen readers, the names say
  // what the menu holds.
  return (
    <Select
      className="workspace-switcher"
      label="Workspace"
      hideLabel
      options={workspaces.map((workspace) => ({
        value: String(workspace.id),
        label: workspaceLabel(workspace),
      }))}
      value={String(current.id)}
      onChange={(event) => {
        select(Number(event.target.value));
        const next = pathAfterSwitch(pathname);
        if (next !== undefined) void navigate(next);
      }}
    />
  );
}
