import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { workspaces } from './workspaces.js';

/**
 * Editor activity received through the WakaTime-compatible API (issue 17). A heartbeat belongs
 * to its user; it carries the user's personal workspace so the table is a tenant table like the
 * others (distributed by workspace_id, docs/scaling.md).
 */
export const heartbeats = pgTable(
  'heartbeats',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The user's personal workspace. */
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    time: timestamp('time', { withTimezone: true, precision: 3 }).notNull(),
    /** The file, domain or app as stored after the user's privacy setting (null with `none`). */
    entity: text('entity'),
    /**
     * SHA-256 (hex) of the entity as sent: the duplicate check must not depend on the privacy
     * setting, which may drop or shorten the entity before it is stored.
     */
    entityHash: text('entity_hash').notNull(),
    type: text('type'),
    category: text('category'),
    project: text('project'),
    branch: text('branch'),
    language: text('language'),
    isWrite: boolean('is_write').notNull().default(false),
    lines: integer('lines'),
    lineno: integer('lineno'),
    cursorpos: integer('cursorpos'),
    editor: text('editor'),
    plugin: text('plugin'),
    machine: text('machine'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The same heartbeat sent twice (an offline queue's retry) is stored once. Its leading
    // columns (workspace_id, user_id, time) also serve a user's heartbeats of a period (the
    // status bar, durations), so no second index on them slows the ingest down.
    uniqueIndex('heartbeats_dedupe_key').on(
      t.workspaceId,
      t.userId,
      t.time,
      t.entityHash,
      t.isWrite,
    ),
    // The daily retention purge deletes by age across every user.
    index('heartbeats_time_idx').on(t.time),
  ],
);
