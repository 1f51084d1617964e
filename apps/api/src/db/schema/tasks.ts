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
import { projects } from './projects.js';
import { users } from './users.js';
import { workspaceMembers, workspaces } from './workspaces.js';

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const taskPriority = pgEnum('task_priority', TASK_PRIORITIES);

export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /**
     * The creator (the API's `created_by`, and `owner_id` as before teams). Null once the
     * creator's account is gone: a team's task outlives the member who wrote it.
     */
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    projectId: integer('project_id'),
    assigneeId: integer('assignee_id'),
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
    // Every hot query is scoped to one workspace (a user's personal one, for one person), so
    // every index leads with workspace_id (the distribution column, docs/scaling.md) and ends
    // with id, which makes each sort order total and lets keyset pagination walk the index.
    // The first one is also the target of the composite foreign keys that hold "same
    // workspace" (time entries → task) and, in migration 0006, INCLUDEs the columns the
    // analytics count over all of a workspace's tasks so those scans stay index-only.
    uniqueIndex('tasks_workspace_id_key').on(t.workspaceId, t.id),
    index('tasks_workspace_status_idx').on(t.workspaceId, t.status, t.id),
    index('tasks_workspace_priority_idx').on(t.workspaceId, t.priority, t.id),
    index('tasks_workspace_category_idx').on(t.workspaceId, t.category, t.id),
    index('tasks_workspace_due_at_idx').on(t.workspaceId, t.dueAt, t.id),
    index('tasks_workspace_created_at_idx').on(t.workspaceId, t.createdAt, t.id),
    index('tasks_workspace_completed_at_idx').on(t.workspaceId, t.completedAt),
    index('tasks_workspace_updated_at_idx').on(t.workspaceId, t.updatedAt, t.id),
    // sort=title compares code points (COLLATE "C"), so the index must use the same collation.
    index('tasks_workspace_title_idx').on(t.workspaceId, sql`${t.title} collate "C"`, t.id),
    index('tasks_workspace_project_idx').on(t.workspaceId, t.projectId, t.id),
    index('tasks_workspace_assignee_idx').on(t.workspaceId, t.assigneeId, t.id),
    index('tasks_workspace_owner_idx').on(t.workspaceId, t.ownerId, t.id),
    index('tasks_tags_idx').using('gin', t.tags),
    // /metrics/insights forecasts every open estimated task: migration 0008 INCLUDEs the columns
    // it reads (estimate, actual, the task's holder and project), so the heavy user's 17,000
    // open tasks are one index-only range instead of 17,000 heap fetches (200 ms).
    index('tasks_workspace_open_estimated_idx')
      .on(t.workspaceId, t.category)
      .where(sql`${t.status} <> 'done' and ${t.estimatedMinutes} > 0`),
    // Migration 0006 narrows both to ON DELETE SET NULL (project_id) / (assignee_id): the
    // workspace column must stay. Removing a member unassigns their tasks; deleting a project
    // leaves its tasks without one.
    foreignKey({
      name: 'tasks_project_fk',
      columns: [t.workspaceId, t.projectId],
      foreignColumns: [projects.workspaceId, projects.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'tasks_assignee_fk',
      columns: [t.workspaceId, t.assigneeId],
      foreignColumns: [workspaceMembers.workspaceId, workspaceMembers.userId],
    }).onDelete('set null'),
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
