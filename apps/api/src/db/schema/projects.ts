import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces.js';

/** A project inside one workspace; tasks may belong to one, in the same workspace. */
export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `#rrggbb`, lower case. */
    color: text('color').notNull().default('#6366f1'),
    description: text('description'),
    budgetMinutes: integer('budget_minutes'),
    archived: boolean('archived').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The target of tasks' (workspace_id, project_id) foreign key, which is how PostgreSQL holds
    // "a task's project is in the task's workspace".
    uniqueIndex('projects_workspace_id_key').on(t.workspaceId, t.id),
    // Names are unique within a workspace, regardless of case.
    uniqueIndex('projects_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    check('projects_name_length', sql`char_length(${t.name}) between 1 and 100`),
    check('projects_color_format', sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
    check(
      'projects_description_length',
      sql`${t.description} is null or char_length(${t.description}) <= 2000`,
    ),
    check(
      'projects_budget_minutes_range',
      sql`${t.budgetMinutes} is null or ${t.budgetMinutes} between 1 and 10000000`,
    ),
  ],
);
