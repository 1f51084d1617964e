import type { DevTrackrClient } from '@devtrackr/client';
import type {
  AcceptedInvitation,
  CreatedInvitation,
  Invitation,
  InvitableRole,
  Member,
  NewProject,
  Project,
  ProjectPatch,
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

export async function listWorkspaces(
  client: DevTrackrClient,
  signal?: AbortSignal,
): Promise<Workspace[]> {
  return (await client.GET('/workspaces', { signal })).data;
}

export async function createWorkspace(client: DevTrackrClient, name: string): Promise<Workspace> {
  return (await client.POST('/workspaces', { body: { name } })).data;
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
  const { data } = await client.PATCH('/workspaces/{id}', {
    params: { path: { id } },
    body: patch,
  });
  return data;
}

export async function deleteWorkspace(client: DevTrackrClient, id: number): Promise<void> {
  await client.DELETE('/workspaces/{id}', { params: { path: { id } } });
}

export async function listMembers(
  client: DevTrackrClient,
  id: number,
  signal?: AbortSignal,
): Promise<Member[]> {
  const { data } = await client.GET('/workspaces/{id}/members', {
    params: { path: { id } },
    signal,
  });
  return data;
}

export async function changeRole(
  client: DevTrackrClient,
  id: number,
  userId: number,
  role: WorkspaceRole,
): Promise<Member> {
  const { data } = await client.PATCH('/workspaces/{id}/members/{user_id}', {
    params: { path: { id, user_id: userId } },
    body: { role },
  });
  return data;
}

/** Removes a member; the caller's own id means leaving the workspace. */
export async function removeMember(
  client: DevTrackrClient,
  id: number,
  userId: number,
): Promise<void> {
  await client.DELETE('/workspaces/{id}/members/{user_id}', {
    params: { path: { id, user_id: userId } },
  });
}

export async function listInvitations(
  client: DevTrackrClient,
  id: number,
  signal?: AbortSignal,
): Promise<Invitation[]> {
  const { data } = await client.GET('/workspaces/{id}/invitations', {
    params: { path: { id } },
    signal,
  });
  return data;
}

export async function createInvitation(
  client: DevTrackrClient,
  id: number,
  invite: { email: string; role: InvitableRole },
): Promise<CreatedInvitation> {
  const { data } = await client.POST('/workspaces/{id}/invitations', {
    params: { path: { id } },
    body: invite,
  });
  return data;
}

export async function revokeInvitation(client: DevTrackrClient, id: number): Promise<void> {
  await client.DELETE('/invitations/{id}', { params: { path: { id } } });
}

export async function acceptInvitation(
  client: DevTrackrClient,
  token: string,
): Promise<AcceptedInvitation> {
  const { data } = await client.POST('/invitations/accept', { body: { token } });
  return data;
}

export async function listProjects(
  client: DevTrackrClient,
  workspaceId: number,
  archived: ArchivedFilter,
  signal?: AbortSignal,
): Promise<Project[]> {
  const { data } = await client.GET('/projects', {
    // The API's page limit: a workspace with more projects than this is not expected yet.
    params: { query: { workspace_id: workspaceId, archived, limit: 200 } },
    signal,
  });
  return data;
}

/** A project's editable fields: a PATCH body, and with a name the body of a create. */
export type ProjectInput = ProjectPatch;

export async function createProject(
  client: DevTrackrClient,
  workspaceId: number,
  input: Omit<NewProject, 'workspace_id'>,
): Promise<Project> {
  const { data } = await client.POST('/projects', {
    body: { ...input, workspace_id: workspaceId },
  });
  return data;
}

export async function patchProject(
  client: DevTrackrClient,
  id: number,
  patch: ProjectInput,
): Promise<Project> {
  const { data } = await client.PATCH('/projects/{id}', {
    params: { path: { id } },
    body: patch,
  });
  return data;
}

export async function teamMetrics(
  client: DevTrackrClient,
  workspaceId: number,
  period: TeamPeriod,
  signal?: AbortSignal,
): Promise<TeamMetrics> {
  const { data } = await client.GET('/metrics/team', {
    params: { query: { workspace_id: workspaceId, ...period } },
    signal,
  });
  return data;
}
