import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const taskPriority = pgEnum('task_priority', TASK_PRIORITIES);

export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category'),
    status: taskStatus('status').notNull().default('todo'),
    priority: taskPriority('priority').notNull().default('medium'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    estimatedMinutes: integer('estimated_minutes'),
    actualMinutes: integer('actual_minutes').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change; the ETag is derived from it. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // Every hot query is scoped to one owner, so every index leads with owner_id and ends with
    // id, which makes each sort order total and lets keyset pagination walk the index.
    // Also covers the columns the analytics count over all of an owner's tasks (status,
    // priority, the timestamps, the estimate), so /metrics/summary and /metrics/priorities read
    // the index alone instead of every task's heap page (100 → 33 ms for a 100,000-task owner,
    // bench/results). actual_minutes stays out: the ledger's updates of it remain HOT.
    index('tasks_owner_id_idx').on(
      t.ownerId,
      t.id,
      t.status,
      t.priority,
      t.createdAt,
      t.completedAt,
      t.dueAt,
      t.estimatedMinutes,
    ),
    index('tasks_owner_status_idx').on(t.ownerId, t.status, t.id),
    index('tasks_owner_priority_idx').on(t.ownerId, t.priority, t.id),
    index('tasks_owner_category_idx').on(t.ownerId, t.category, t.id),
    index('tasks_owner_due_at_idx').on(t.ownerId, t.dueAt, t.id),
    index('tasks_owner_created_at_idx').on(t.ownerId, t.createdAt, t.id),
    index('tasks_owner_completed_at_idx').on(t.ownerId, t.completedAt),
    index('tasks_owner_updated_at_idx').on(t.ownerId, t.updatedAt, t.id),
    // sort=title compares code points (COLLATE "C"), so the index must use the same collation.
    index('tasks_owner_title_idx').on(t.ownerId, sql`${t.title} collate "C"`, t.id),
    index('tasks_tags_idx').using('gin', t.tags),
    check('tasks_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check(
      'tasks_estimated_minutes_range',
      sql`${t.estimatedMinutes} is null or ${t.estimatedMinutes} between 0 and 100000`,
    ),
    check('tasks_actual_minutes_nonnegative', sql`${t.actualMinutes} >= 0`),
    check(
      'tasks_completed_at_matches_status',
      sql`(${t.status} = 'done') = (${t.completedAt} is not null)`,
    ),
  ],
);
