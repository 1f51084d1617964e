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

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name'),
    isActive: boolean('is_active').notNull().default(true),
    timezone: text('timezone').notNull().default('UTC'),
    // The first day of the user's week: the week view and /metrics/weekly start there.
    weekStart: text('week_start', { enum: ['monday', 'sunday'] })
      .notNull()
      .default('monday'),
    // How much of an editor heartbeat's entity (a file path) is kept: all of it, the file name,
    // or nothing (issue 17).
    activityEntities: text('activity_entities', { enum: ['full', 'basename', 'none'] })
      .notNull()
      .default('full'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Emails are unique regardless of case; the index also serves the login lookup.
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_week_start_check', sql`${t.weekStart} in ('monday', 'sunday')`),
    check(
      'users_activity_entities_check',
      sql`${t.activityEntities} in ('full', 'basename', 'none')`,
    ),
  ],
);
