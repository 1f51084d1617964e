// The teams contract (issue 15), as the web app uses it. These mirror the API's schemas until
// the workspace routes are in apps/api/openapi.json; then they become aliases of the SDK's
// generated types (see teamApi.ts), so a change to the spec shows up here as a type error.

export type WorkspaceRole = 'owner' | 'admin' | 'member' | 'viewer';
/** The roles an invitation or a role change may give (owner is given by changing owners). */
export type InvitableRole = Exclude<WorkspaceRole, 'owner'>;

export interface Workspace {
  id: number;
  name: string;
  personal: boolean;
  /** The caller's role in it. */
  role: WorkspaceRole;
  members_see_team_time: boolean;
  member_count: number;
  created_at: string;
  updated_at: string;
}

export interface Member {
  user_id: number;
  email: string;
  full_name: string | null;
  role: WorkspaceRole;
  joined_at: string;
}

export interface Invitation {
  id: number;
  email: string;
  role: InvitableRole;
  expires_at: string;
}

/** POST /workspaces/{id}/invitations: the token is in this answer only. */
export interface CreatedInvitation extends Invitation {
  token: string;
  accept_url: string;
}

export interface AcceptedInvitation {
  workspace: Workspace;
  role: WorkspaceRole;
}

export interface Project {
  id: number;
  workspace_id: number;
  name: string;
  color: string;
  description: string | null;
  budget_minutes: number | null;
  archived: boolean;
  tracked_minutes: number;
  budget_used_percent: number | null;
}

export interface TeamMemberFigures {
  user_id: number;
  full_name: string | null;
  email: string;
  tracked_minutes: number;
  tasks_completed: number;
  /** 0–100, or null without finished estimated tasks. */
  estimate_accuracy: number | null;
}

export interface TeamProjectFigures {
  project_id: number;
  name: string;
  color: string;
  tracked_minutes: number;
  budget_minutes: number | null;
  budget_used_percent: number | null;
}

export interface TeamMetrics {
  /** The local days the API resolved (as the other /metrics routes answer). */
  period: { from: string; to: string; tz?: string };
  members: TeamMemberFigures[];
  projects: TeamProjectFigures[];
  unassigned: { tracked_minutes: number };
}
