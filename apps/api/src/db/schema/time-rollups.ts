import { bigint, date, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Tracked time per (workspace, user, task, UTC day), in microseconds: finished entries split at
 * UTC midnights, and adjustments on the UTC day of their instant. Running timers are not in it
 * (the analytics read them from time_entries). Kept by statement-level triggers on time_entries
 * (migration 0007) in the same transaction as every change, so it never disagrees with the
 * entries; it has no foreign keys because it is derived data that the same triggers empty when
 * entries go (a task, a user or a workspace deleted cascades to its entries, and their deletes
 * subtract their time; a row that reaches zero is removed).
 *
 * Why UTC days: a period is [start, end) in any IANA zone, its local midnights anywhere (even
 * +05:30 or +05:45). The whole UTC days inside it come from here; only the two partial UTC days
 * at its edges (less than a day each) are read from time_entries. That is exact for every zone
 * and every instant, with no assumption about offsets (docs/metrics.md).
 */
export const timeRollups = pgTable(
  'time_rollups',
  {
    workspaceId: integer('workspace_id').notNull(),
    userId: integer('user_id').notNull(),
    taskId: integer('task_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    micros: bigint('micros', { mode: 'number' }).notNull(),
  },
  (t) => [
    // One member's days ("mine", user_id scopes), leading with the distribution column.
    primaryKey({
      columns: [t.workspaceId, t.userId, t.day, t.taskId],
      name: 'time_rollups_pkey',
    }),
    // The whole workspace's days (team figures), index-only with micros included.
    index('time_rollups_workspace_day_idx').on(t.workspaceId, t.day, t.taskId, t.userId, t.micros),
    // One task's days (project scopes probe the project's tasks one by one): without it each
    // probe walked the workspace's whole period in the index above (issue 15, 240 ms).
    index('time_rollups_workspace_task_day_idx').on(
      t.workspaceId,
      t.taskId,
      t.day,
      t.userId,
      t.micros,
    ),
  ],
);
