import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, NullableTimestamp, StringEnum, Timestamp } from '../../shared/schemas.js';
import { RoleSchema, Workspace } from './workspaces.schemas.js';

/** Wire schemas of invitations. */

export const INVITABLE_ROLES = ['admin', 'member', 'viewer'] as const;
export const EXPIRY_DAYS = { min: 1, max: 30, default: 7 } as const;

export const CreateInvitationBody = Type.Object(
  {
    // Not auth's Email schema: auth/ imports this module (account deletion, registration), and
    // the folders must not import each other.
    email: Type.String({
      format: 'email',
      minLength: 3,
      maxLength: 254,
      description: 'Who may accept: the account with this email, compared case-insensitively',
      examples: ['ada@example.com'],
    }),
    role: StringEnum(INVITABLE_ROLES, {
      description: 'The role the invitee gets; owners are made by changing a role later',
    }),
    expires_in_days: Type.Optional(
      Type.Integer({
        minimum: EXPIRY_DAYS.min,
        maximum: EXPIRY_DAYS.max,
        default: EXPIRY_DAYS.default,
        description: `${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max}; default ${EXPIRY_DAYS.default}`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

const invitationFields = {
  id: Type.Integer(),
  workspace_id: Type.Integer(),
  email: Type.String(),
  role: RoleSchema,
  invited_by: Nullable(Type.Integer(), {
    description: 'Who invited; null once that account is deleted',
  }),
  created_at: Timestamp,
  expires_at: Timestamp,
  accepted_at: NullableTimestamp,
};

/** An invitation as lists show it: never the token, never its hash. */
export const Invitation = Type.Object(invitationFields);
export type Invitation = Static<typeof Invitation>;

export const CreatedInvitation = Type.Object({
  ...invitationFields,
  token: Type.String({
    description:
      'The one-time secret (`dti_…`). Shown in this answer only; the server keeps a hash',
  }),
  accept_url: Type.String({
    description:
      'Relative link to pass on to the invitee: `/app/invite#<token>`. The token is in the ' +
      'fragment, which browsers never send, so it stays out of server and proxy logs',
    examples: ['/app/invite#dti_…'],
  }),
});
export type CreatedInvitation = Static<typeof CreatedInvitation>;

export const InvitationIdParams = Type.Object(
  { id: Id({ description: 'Invitation id' }) },
  { additionalProperties: false },
);

export const AcceptInvitationBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200, description: 'The `dti_…` token' }) },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

export const AcceptedInvitation = Type.Object({
  workspace: Workspace,
  role: RoleSchema,
});

export interface InvitationView {
  id: number;
  workspaceId: number;
  email: string;
  role: Invitation['role'];
  invitedBy: number | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
}

export function toInvitation(view: InvitationView): Invitation {
  return {
    id: view.id,
    workspace_id: view.workspaceId,
    email: view.email,
    role: view.role,
    invited_by: view.invitedBy,
    created_at: view.createdAt.toISOString(),
    expires_at: view.expiresAt.toISOString(),
    accepted_at: view.acceptedAt?.toISOString() ?? null,
  };
}
