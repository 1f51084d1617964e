import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, StringEnum, Timestamp } from '../../shared/schemas.js';
import { WORKSPACE_ROLES } from './workspaces.policy.js';

/** Wire schemas of workspaces and their members (invitations: invitations.schemas.ts). */

export const NAME_MAX = 100;

export const RoleSchema = StringEnum(WORKSPACE_ROLES, {
  description: 'owner > admin > member > viewer',
});

const Name = Type.String({
  minLength: 1,
  maxLength: NAME_MAX,
  description: `1 to ${NAME_MAX} characters; surrounding whitespace is removed and a blank name is a 422`,
  examples: ['Platform team'],
});

const MembersSeeTeamTime = Type.Boolean({
  description:
    "Lets members and viewers see the other members' time entries and per-member figures " +
    '(admins and owners always do). Default false.',
});

export const Workspace = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  personal: Type.Boolean({
    description:
      "The caller's personal workspace: created with the account, never shared, deleted with it",
  }),
  role: RoleSchema,
  members_see_team_time: Type.Boolean(),
  member_count: Type.Integer({ minimum: 1 }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Workspace = Static<typeof Workspace>;

export const WorkspaceIdParams = Type.Object(
  { id: Id({ description: 'Workspace id' }) },
  { additionalProperties: false },
);

export const CreateWorkspaceBody = Type.Object(
  { name: Name, members_see_team_time: Type.Optional(MembersSeeTeamTime) },
  { additionalProperties: false },
);
export type CreateWorkspaceBody = Static<typeof CreateWorkspaceBody>;

export const PatchWorkspaceBody = Type.Object(
  { name: Type.Optional(Name), members_see_team_time: Type.Optional(MembersSeeTeamTime) },
  {
    additionalProperties: false,
    description: 'A field left out is unchanged; null is a 422 (neither field is nullable).',
  },
);
export type PatchWorkspaceBody = Static<typeof PatchWorkspaceBody>;

export const Member = Type.Object({
  user_id: Type.Integer(),
  email: Type.String(),
  full_name: Nullable(Type.String()),
  role: RoleSchema,
  joined_at: Timestamp,
});
export type Member = Static<typeof Member>;

export const MemberParams = Type.Object(
  {
    id: Id({ description: 'Workspace id' }),
    user_id: Id({ description: "The member's user id" }),
  },
  { additionalProperties: false },
);

export const PatchMemberBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export type PatchMemberBody = Static<typeof PatchMemberBody>;

/** What the repositories hand the routes: a workspace seen by one member. */
export interface WorkspaceView {
  id: number;
  name: string;
  personal: boolean;
  role: Workspace['role'];
  membersSeeTeamTime: boolean;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toWorkspace(view: WorkspaceView): Workspace {
  return {
    id: view.id,
    name: view.name,
    personal: view.personal,
    role: view.role,
    members_see_team_time: view.membersSeeTeamTime,
    member_count: view.memberCount,
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
  };
}

export interface MemberView {
  userId: number;
  email: string;
  fullName: string | null;
  role: Member['role'];
  joinedAt: Date;
}

export function toMember(view: MemberView): Member {
  return {
    user_id: view.userId,
    email: view.email,
    full_name: view.fullName,
    role: view.role,
    joined_at: view.joinedAt.toISOString(),
  };
}
