import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../../api/ApiProvider';
import { listWorkspaces, teamKeys } from './teamApi';
import type { Workspace, WorkspaceRole } from './teamTypes';

// The current workspace (issue 15): every page shows that workspace's tasks, time and figures.
// It lives in memory and in sessionStorage (an id, not a secret: tokens never go there), so a
// reload keeps it and each tab may look at a different workspace. Personal is the default.

/** The sessionStorage key of the chosen workspace's id. */
export const WORKSPACE_STORAGE_KEY = 'devtrackr.workspace';

export interface WorkspaceState {
  /** Every workspace the person belongs to; empty while loading or when the list failed. */
  workspaces: Workspace[];
  /** The one being shown; undefined until the list is known (or when it could not be read). */
  current: Workspace | undefined;
  /** The list has answered (or failed): pages may query now. */
  ready: boolean;
  /** Show another workspace (kept for this tab). */
  select: (id: number) => void;
}

const outside: WorkspaceState = {
  workspaces: [],
  current: undefined,
  ready: true,
  select: () => undefined,
};

const WorkspaceContext = createContext<WorkspaceState>(outside);

function storedId(): number | undefined {
  try {
    const id = Number(sessionStorage.getItem(WORKSPACE_STORAGE_KEY));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    // Storage can be refused (privacy settings); memory alone still works.
    return undefined;
  }
}

function store(id: number): void {
  try {
    sessionStorage.setItem(WORKSPACE_STORAGE_KEY, String(id));
  } catch {
    // As above: the choice lasts until the tab reloads.
  }
}

/** The chosen workspace when it is still in the list, else the personal one, else the first. */
export function pickCurrent(
  workspaces: readonly Workspace[],
  chosen: number | undefined,
): Workspace | undefined {
  return (
    workspaces.find((workspace) => workspace.id === chosen) ??
    workspaces.find((workspace) => workspace.personal) ??
    workspaces[0]
  );
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { client } = useApi();
  const list = useQuery({
    queryKey: teamKeys.workspaces,
    queryFn: ({ signal }) => listWorkspaces(client, signal),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState(storedId);
  const select = useCallback((id: number) => {
    store(id);
    setChosen(id);
  }, []);
  const workspaces = list.data;
  const state = useMemo<WorkspaceState>(() => {
    const all = workspaces ?? [];
    return {
      workspaces: all,
      current: pickCurrent(all, chosen),
      ready: workspaces !== undefined || list.isError,
      select,
    };
  }, [workspaces, chosen, list.isError, select]);
  return <WorkspaceContext.Provider value={state}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspaces(): WorkspaceState {
  return useContext(WorkspaceContext);
}

/**
 * The `workspace_id` for a page's queries, and whether to run them yet. Undefined when the list
 * is unknown (an older API, a failed read): then the API's default applies, the personal
 * workspace, as before teams.
 */
export function useWorkspaceScope(): { ready: boolean; workspaceId: number | undefined } {
  const { ready, current } = useWorkspaces();
  return { ready, workspaceId: current?.id };
}

/**
 * `query` with the current workspace's id, for a list or a create. Left as is when no workspace
 * is known, so the API's default (the personal workspace) applies.
 */
export function inWorkspace<Q extends object>(
  query: Q,
  workspaceId: number | undefined,
): Q & { workspace_id?: number } {
  return workspaceId === undefined ? query : { ...query, workspace_id: workspaceId };
}

/**
 * The caller's role in workspace `id` (a task's own workspace, which may not be the current
 * one); undefined when unknown, which the pages treat as "may edit": the API decides anyway.
 */
export function useRoleIn(id: number | undefined): WorkspaceRole | undefined {
  const { workspaces } = useWorkspaces();
  return workspaces.find((workspace) => workspace.id === id)?.role;
}

/** Whether the current workspace lets the person create and edit (viewers do not). */
export function useCanWrite(): boolean {
  const { current } = useWorkspaces();
  return current === undefined || current.role !== 'viewer';
}
