import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { tasks, timeEntries, workspaces } from '../../src/db/schema/index.js';

/**
 * Writes a task straight into the database, for time tests that must not depend on the tasks
 * API. Returns its id.
 */
export async function insertTask(
  app: FastifyInstance,
  ownerId: number,
  fields: {
    title?: string;
    category?: string | null;
    description?: string | null;
    tags?: string[];
  } = {},
): Promise<number> {
  const rows = await app.database.db
    .insert(tasks)
    .values({
      // The owner's personal workspace, where the tasks API would put it.
      workspaceId: sql`(select ${workspaces.id} from ${workspaces} where ${workspaces.personalOwnerId} = ${ownerId})`,
      ownerId,
      title: fields.title ?? 'A task',
      category: fields.category ?? null,
      description: fields.description ?? null,
      tags: fields.tags ?? [],
    })
    .returning({ id: tasks.id });
  return rows[0]!.id;
}

/** Every entry of a user, read from the database (not through the API), in start order. */
export async function dbEntries(app: FastifyInstance, userId: number) {
  return app.database.db
    .select()
    .from(timeEntries)
    .where(eq(timeEntries.userId, userId))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id));
}

/** The stored actual_minutes of a task, read from the database. */
export async function dbActualMinutes(app: FastifyInstance, taskId: number): Promise<number> {
  const rows = await app.database.db
    .select({ m: tasks.actualMinutes })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  return rows[0]!.m;
}

/** A 2026-03-01 (or `day`) instant in UTC, from "HH:MM". */
export const at = (hhmm: string, day = '2026-03-01'): string => `${day}T${hhmm}:00.000Z`;

/** Asserts a 422 validation_failed naming `location` among its errors. */
export function expect422(res: { statusCode: number; json(): unknown }, location: string): void {
  expect(res.statusCode).toBe(422);
  const body = res.json() as { code: string; errors: { location: string }[] };
  expect(body.code).toBe('validation_failed');
  expect(body.errors.map((e) => e.location)).toContain(location);
}
