import type { ListItem, RequestBody, ResponseData } from '@devtrackr/client';

// The teams' shapes (issue 15), named from the SDK's generated types: a change to
// apps/api/openapi.json shows up here as a type error after `npm run generate`.

export type Workspace = ListItem<'/workspaces'>;
export type WorkspaceRole = Workspace['role'];
/** The roles an invitation may give (owner is given by changing a member's role). */
export type InvitableRole = RequestBody<'/workspaces/{id}/invitations', 'post'>['role'];

export type Member = ListItem<'/workspaces/{id}/members'>;
export type Invitation = ListItem<'/workspaces/{id}/invitations'>;
/** POST /workspaces/{id}/invitations: the token is in this answer only. */
export type CreatedInvitation = ResponseData<'/workspaces/{id}/invitations', 'post'>;
export type AcceptedInvitation = ResponseData<'/invitations/accept', 'post'>;

export type Project = ListItem<'/projects'>;
export type NewProject = RequestBody<'/projects', 'post'>;
export type ProjectPatch = RequestBody<'/projects/{id}', 'patch'>;

export type TeamMetrics = ResponseData<'/metrics/team', 'get'>;
export type TeamMemberFigures = TeamMetrics['members'][number];
export type TeamProjectFigures = TeamMetrics['projects'][number];
