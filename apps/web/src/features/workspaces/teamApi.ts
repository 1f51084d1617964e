import type { DevTrackrClient } from '@devtrackr/client';
import type {
  AcceptedInvitation,
  CreatedInvitation,
  Invitation,
  InvitableRole,
  Member,
  Project,
  TeamMetrics,
  Workspace,
  WorkspaceRole,
} from './teamTypes';

// Every teams call of the web app, in one place. Each function is one API call that throws a
// DevTrackrError on failure (the SDK's contract), so pages use them inside TanStack Query.

/** Query keys: a workspace's lists live under ['workspace', id, …] so leaving it drops them. */
export const teamKeys = {
  workspaces: ['workspaces'] as const,
  members: (id: number) => ['workspace', id, 'members'] as const,
  invitations: (id: number) => ['workspace', id, 'invitations'] as const,
  projects: (workspaceId: number, archived: ArchivedFilter) =>
    ['projects', workspaceId, archived] as const,
  allProjects: ['projects'] as const,
  teamMetrics: (workspaceId: number, period: TeamPeriod) =>
    ['metrics', '/metrics/team', workspaceId, period] as const,
};

/** The dashboard's period: the last N days, or a range of local days. */
export type TeamPeriod = { days: number } | { from: string; to: string };

export type ArchivedFilter = 'false' | 'true' | 'all';

interface Init {
  params?: { path?: Record<string, number>; query?: Record<string, unknown> };
  body?: unknown;
  signal?: AbortSignal;
}
type Call = (path: string, init?: Init) => Promise<{ data: unknown; response: Response }>;
interface LooseClient {
  GET: Call;
  POST: Call;
  PATCH: Call;
  DELETE: Call;
}

/**
 * The client without the path check. The team routes are being added to the API alongside
 * this code; until they are in openapi.json the typed client does not know their paths. The
 * runtime (auth, refresh, errors) is the same SDK call.
 */
const loose = (client: DevTrackrClient): LooseClient => client as unknown as LooseClient;

export async function listWorkspaces(
  client: DevTrackrClient,
  signal?: AbortSignal,
): Promise<Workspace[]> {
  return (await loose(client).GET('/workspaces', { signal })).data as Workspace[];
}

export async function createWorkspace(client: DevTrackrClient, name: string): Promise<Workspace> {
  return (await loose(client).POST('/workspaces', { body: { name } })).data as Workspace;
}

export interface WorkspacePatch {
  name?: string;
  members_see_team_time?: boolean;
}

export async function patchWorkspace(
  client: DevTrackrClient,
  id: number,
  patch: WorkspacePatch,
): Promise<Workspace> {
  const { data } = await loose(client).PATCH('/workspaces/{id}', {
    params: { path: { id } },
    body: patch,
  });
  return data as Workspace;
}

export async function deleteWorkspace(client: DevTrackrClient, id: number): Promise<void> {
  await loose(client).DELETE('/workspaces/{id}', { params: { path: { id } } });
}

export async function listMembers(
  client: DevTrackrClient,
  id: number,
  signal?: AbortSignal,
): Promise<Member[]> {
  const { data } = await loose(client).GET('/workspaces/{id}/members', {
    params: { path: { id } },
    signal,
  });
  return data as Member[];
}

export async function changeRole(
  client: DevTrackrClient,
  id: number,
  userId: number,
  role: WorkspaceRole,
): Promise<Member> {
  const { data } = await loose(client).PATCH('/workspaces/{id}/members/{user_id}', {
    params: { path: { id, user_id: userId } },
    body: { role },
  });
  return data as Member;
}

/** Removes a member; the caller's own id means leaving the workspace. */
export async function removeMember(
  client: DevTrackrClient,
  id: number,
  userId: number,
): Promise<void> {
  await loose(client).DELETE('/workspaces/{id}/members/{user_id}', {
    params: { path: { id, user_id: userId } },
  });
}

export async function listInvitations(
  client: DevTrackrClient,
  id: number,
  signal?: AbortSignal,
): Promise<Invitation[]> {
  const { data } = await loose(client).GET('/workspaces/{id}/invitations', {
    params: { path: { id } },
    signal,
  });
  return data as Invitation[];
}

export async function createInvitation(
  client: DevTrackrClient,
  id: number,
  invite: { email: string; role: InvitableRole },
): Promise<CreatedInvitation> {
  const { data } = await loose(client).POST('/workspaces/{id}/invitations', {
    params: { path: { id } },
    body: invite,
  });
  return data as CreatedInvitation;
}

export async function revokeInvitation(client: DevTrackrClient, id: number): Promise<void> {
  await loose(client).DELETE('/invitations/{id}', { params: { path: { id } } });
}

export async function acceptInvitation(
  client: DevTrackrClient,
  token: string,
): Promise<AcceptedInvitation> {
  const { data } = await loose(client).POST('/invitations/accept', { body: { token } });
  return data as AcceptedInvitation;
}

export async function listProjects(
  client: DevTrackrClient,
  workspaceId: number,
  archived: ArchivedFilter,
  signal?: AbortSignal,
): Promise<Project[]> {
  const { data } = await loose(client).GET('/projects', {
    params: { query: { workspace_id: workspaceId, archived } },
    signal,
  });
  return data as Project[];
}

export interface ProjectInput {
  name?: string;
  color?: string;
  description?: string | null;
  budget_minutes?: number | null;
  archived?: boolean;
}

export async function createProject(
  client: DevTrackrClient,
  workspaceId: number,
  input: ProjectInput,
): Promise<Project> {
  const { data } = await loose(client).POST('/projects', {
    body: { ...input, workspace_id: workspaceId },
  });
  return data as Project;
}

export async function patchProject(
  client: DevTrackrClient,
  id: number,
  patch: ProjectInput,
): Promise<Project> {
  const { data } = await loose(client).PATCH('/projects/{id}', {
    params: { path: { id } },
    body: patch,
  });
  return data as Project;
}

export async function teamMetrics(
  client: DevTrackrClient,
  workspaceId: number,
  period: TeamPeriod,
  signal?: AbortSignal,
): Promise<TeamMetrics> {
  const { data } = await loose(client).GET('/metrics/team', {
    params: { query: { workspace_id: workspaceId, ...period } },
    signal,
  });
  return data as TeamMetrics;
}
