import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tasks } from './tasks.js';
import { users } from './users.js';
import { workspaces } from './workspaces.js';

export const TIME_ENTRY_SOURCES = ['timer', 'manual', 'adjustment'] as const;
export const timeEntrySource = pgEnum('time_entry_source', TIME_ENTRY_SOURCES);

/**
 * The source of truth for tracked time. `ended_at` null means the timer is running.
 * An `adjustment` records a hand-set change of a task's actual minutes: it is an instant
 * (started_at = ended_at) carrying a signed number of seconds, so totals stay a plain sum.
 */
export const timeEntries = pgTable(
  'time_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The task's workspace, copied so every tenant query can filter (and shard) by it. */
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').notNull(),
    /** Who tracked it. */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    source: timeEntrySource('source').notNull(),
    adjustmentSeconds: integer('adjustment_seconds'),
    durationSeconds: integer('duration_seconds').generatedAlwaysAs(
      sql`case when source = 'adjustment' then adjustment_seconds else floor(extract(epoch from (ended_at - started_at)))::integer end`,
    ),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one running timer per user, held by PostgreSQL rather than by application code.
    uniqueIndex('time_entries_one_running_per_user')
      .on(t.userId)
      .where(sql`${t.endedAt} is null`),
    // Carries every column the analytics read of an entry, so their scan of a period (nearly
    // all the rows they need) is index-only.
    index('time_entries_user_started_idx').on(
      t.userId,
      t.startedAt,
      t.endedAt,
      t.taskId,
      t.source,
      t.adjustmentSeconds,
    ),
    index('time_entries_task_idx').on(t.taskId, t.startedAt),
    // The workspace's entries in a period: team analytics and the other members' entries.
    index('time_entries_workspace_started_idx').on(
      t.workspaceId,
      t.startedAt,
      t.userId,
      t.endedAt,
      t.taskId,
    ),
    // "Same workspace as its task", held by PostgreSQL; deleting the task deletes its entries.
    foreignKey({
      name: 'time_entries_task_fk',
      columns: [t.workspaceId, t.taskId],
      foreignColumns: [tasks.workspaceId, tasks.id],
    }).onDelete('cascade'),
    // The overlap check looks for the user's entries ending after a new entry's start.
    index('time_entries_user_ended_idx').on(t.userId, t.endedAt),
    // Analytics must find entries that began before a period yet reach into it; only entries
    // longer than a day can, so this partial index stays tiny and spares a scan of all entries.
    // Keyed by the end: the question is which of them end after the period's start.
    index('time_entries_user_long_idx')
      .on(t.userId, t.endedAt)
      .where(sql`${t.endedAt} - ${t.startedAt} > interval '24 hours'`),
    check(
      'time_entries_interval_valid',
      sql`(${t.source} = 'adjustment' and ${t.adjustmentSeconds} is not null and ${t.endedAt} = ${t.startedAt})
        or (${t.source} <> 'adjustment' and ${t.adjustmentSeconds} is null and (${t.endedAt} is null or ${t.endedAt} > ${t.startedAt}))`,
    ),
    check('time_entries_note_length', sql`${t.note} is null or char_length(${t.note}) <= 500`),
  ],
);
