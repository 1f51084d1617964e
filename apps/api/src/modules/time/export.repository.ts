import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { tasks, timeEntries } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/**
 * Keyset batches for the exports: each call reads the next `limit` rows after a cursor, so an
 * export of any size holds one batch in memory and no connection between batches. The same
 * queries run on PGlite and PostgreSQL.
 */

/** Where the previous batch stopped. `startedAt` is PostgreSQL's own text form (microseconds). */
export interface EntryCursor {
  startedAt: string;
  id: number;
}

export async function entryExportBatch(
  db: DbOrTx,
  params: {
    userId: number;
    workspaceIds: number[];
    from?: Date;
    to?: Date;
    after: EntryCursor | null;
    limit: number;
  },
) {
  const conditions: SQL[] = [
    eq(timeEntries.userId, params.userId),
    inArray(timeEntries.workspaceId, params.workspaceIds),
  ];
  if (params.from) conditions.push(gte(timeEntries.startedAt, params.from));
  if (params.to) conditions.push(lt(timeEntries.startedAt, params.to));
  if (params.after) {
    // The plain bound lets the (user_id, started_at) index start at the cursor.
    conditions.push(
      sql`${timeEntries.startedAt} >= ${params.after.startedAt}::timestamptz`,
      sql`(${timeEntries.startedAt}, ${timeEntries.id}) > (${params.after.startedAt}::timestamptz, ${params.after.id})`,
    );
  }
  return db
    .select({
      id: timeEntries.id,
      taskId: timeEntries.taskId,
      taskTitle: tasks.title,
      taskCategory: tasks.category,
      startedAt: timeEntries.startedAt,
      cursor: sql<string>`${timeEntries.startedAt}::text`,
      endedAt: timeEntries.endedAt,
      durationSeconds: timeEntries.durationSeconds,
      source: timeEntries.source,
      note: timeEntries.note,
      createdAt: timeEntries.createdAt,
    })
    .from(timeEntries)
    .innerJoin(
      tasks,
      and(eq(tasks.workspaceId, timeEntries.workspaceId), eq(tasks.id, timeEntries.taskId)),
    )
    .where(and(...conditions))
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id))
    .limit(params.limit);
}

export type EntryExportRow = Awaited<ReturnType<typeof entryExportBatch>>[number];

/**
 * The tasks of the caller's workspaces after `afterId`, by id; with from/to only those created in
 * [from, to).
 */
export async function taskExportBatch(
  db: DbOrTx,
  params: { workspaceIds: number[]; from?: Date; to?: Date; afterId: number; limit: number },
) {
  const conditions: SQL[] = [
    inArray(tasks.workspaceId, params.workspaceIds),
    gt(tasks.id, params.afterId),
  ];
  if (params.from) conditions.push(gte(tasks.createdAt, params.from));
  if (params.to) conditions.push(lt(tasks.createdAt, params.to));
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      description: tasks.description,
      category: tasks.category,
      status: tasks.status,
      priority: tasks.priority,
      tags: tasks.tags,
      estimatedMinutes: tasks.estimatedMinutes,
      actualMinutes: tasks.actualMinutes,
      dueAt: tasks.dueAt,
      completedAt: tasks.completedAt,
      createdAt: tasks.createdAt,
      updatedAt: tasks.updatedAt,
    })
    .from(tasks)
    .where(and(...conditions))
    .orderBy(asc(tasks.id))
    .limit(params.limit);
}

export type TaskExportDbRow = Awaited<ReturnType<typeof taskExportBatch>>[number];
