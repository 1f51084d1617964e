import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Strongest first: the order the policy compares roles in. */
export const WORKSPACE_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export const workspaceRole = pgEnum('workspace_role', WORKSPACE_ROLES);

/**
 * A tenant: it holds tasks, projects and time entries. Every user has exactly one personal
 * workspace (`personal_owner_id` set, unique), created with the account and deleted with it;
 * team workspaces have none. `workspaces.id` is the distribution key of every tenant table
 * (docs/scaling.md).
 */
export const workspaces = pgTable(
  'workspaces',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    personalOwnerId: integer('personal_owner_id').references(() => users.id, {
      onDelete: 'cascade',
    }),
    /** Lets members and viewers see the other members' entries and per-member figures. */
    membersSeeTeamTime: boolean('members_see_team_time').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('workspaces_personal_owner_key')
      .on(t.personalOwnerId)
      .where(sql`${t.personalOwnerId} is not null`),
    check('workspaces_name_length', sql`char_length(${t.name}) between 1 and 100`),
  ],
);

/**
 * Who belongs to a workspace, and as what. The primary key leads with workspace_id (the
 * distribution column); the user index answers "which workspaces can this user see", which
 * every request that is not about one workspace asks. A trigger (migration 0006) keeps at least
 * one owner in every workspace that still exists.
 */
export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: workspaceRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId], name: 'workspace_members_pkey' }),
    index('workspace_members_user_idx').on(t.userId, t.workspaceId, t.role),
  ],
);

/**
 * An invitation to join a workspace. The token is shown once, in the answer to its creation;
 * only its SHA-256 is stored. Accepting stamps `accepted_at`, so a token works once.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: workspaceRole('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: integer('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_workspace_idx').on(t.workspaceId, t.createdAt),
    check('invitations_role_not_owner', sql`${t.role} <> 'owner'`),
    check('invitations_email_length', sql`char_length(${t.email}) between 3 and 254`),
  ],
);
