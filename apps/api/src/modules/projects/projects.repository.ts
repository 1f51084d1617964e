import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  sql,
  type SQL,
} from 'drizzle-orm';
import { projects, tasks, timeEntries, workspaceMembers } from '../../db/schema/index.js';
import { statement, type Params } from '../../db/statement.js';
import type { DbOrTx } from '../../db/types.js';
import type { Role } from '../workspaces/workspaces.policy.js';

export type ProjectRow = typeof projects.$inferSelect;

/** A project read for one caller: the row plus the caller's role in its workspace. */
export type AccessibleProjectRow = ProjectRow & { role: Role };

export interface ProjectInsert {
  workspaceId: number;
  name: string;
  color: string;
  description: string | null;
  budgetMinutes: number | null;
  now: Date;
}

export type ProjectChanges = Partial<
  Pick<ProjectRow, 'name' | 'color' | 'description' | 'budgetMinutes' | 'archived'>
>;

/**
 * Who asks for which project. `limit` is the one workspace the caller's token is limited to
 * (null: none), bound as a nullable parameter so one prepared statement serves both.
 */
type ById = { userId: number; projectId: number; limit: number | null };

/**
 * The project, only when the caller belongs to its workspace, with their role: one statement,
 * the membership being a primary-key probe (the same shape as the tasks' lookup).
 */
const findStatement = statement<ById, AccessibleProjectRow[]>(
  (db, p: Params<ById>) =>
    db
      .select({ ...getTableColumns(projects), role: workspaceMembers.role })
      .from(projects)
      .innerJoin(
        workspaceMembers,
        and(
          eq(workspaceMembers.workspaceId, projects.workspaceId),
          eq(workspaceMembers.userId, p('userId')),
        ),
      )
      .where(
        and(
          eq(projects.id, p('projectId')),
          sql`${projects.workspaceId} = coalesce(${p.raw('limit')}::integer, ${projects.workspaceId})`,
        ),
      )
      .limit(1),
  'project_find',
);

/** One project the caller can see, with their role; undefined when missing or not theirs. */
export async function findProjectForMember(
  db: DbOrTx,
  caller: { userId: number; workspaceId: number | null },
  projectId: number,
): Promise<AccessibleProjectRow | undefined> {
  const [row] = await findStatement(db, {
    userId: caller.userId,
    projectId,
    limit: caller.workspaceId,
  });
  return row;
}

export async function insertProject(db: DbOrTx, values: ProjectInsert): Promise<ProjectRow> {
  const [row] = await db
    .insert(projects)
    .values({
      workspaceId: values.workspaceId,
      name: values.name,
      color: values.color,
      description: values.description,
      budgetMinutes: values.budgetMinutes,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  if (!row) throw new Error('insert into projects returned no row');
  return row;
}

/** Applies the changes; undefined when the project went away meanwhile. */
export async function updateProject(
  db: DbOrTx,
  workspaceId: number,
  projectId: number,
  changes: ProjectChanges,
  now: Date,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .update(projects)
    .set({ ...changes, updatedAt: now, version: sql`${projects.version} + 1` })
    .where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)))
    .returning();
  return row;
}

/** True when a row was deleted. Its tasks keep existing, unassigned (FK ON DELETE SET NULL). */
export async function deleteProject(
  db: DbOrTx,
  workspaceId: number,
  projectId: number,
): Promise<boolean> {
  const deleted = await db
    .delete(projects)
    .where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)))
    .returning({ id: projects.id });
  return deleted.length > 0;
}

export interface ListFilter {
  workspaceIds: number[];
  /** null: archived and active alike. */
  archived: boolean | null;
}

function listWhere(filter: ListFilter): SQL | undefined {
  return and(
    inArray(projects.workspaceId, filter.workspaceIds),
    filter.archived === null ? undefined : eq(projects.archived, filter.archived),
  );
}

/** One page, ordered by workspace, name (case-insensitively), id: a total order. */
export async function listProjects(
  db: DbOrTx,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<ProjectRow[]> {
  if (filter.workspaceIds.length === 0) return [];
  return db
    .select()
    .from(projects)
    .where(listWhere(filter))
    .orderBy(asc(projects.workspaceId), asc(sql`lower(${projects.name})`), asc(projects.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countProjects(db: DbOrTx, filter: ListFilter): Promise<number> {
  if (filter.workspaceIds.length === 0) return 0;
  const [row] = await db.select({ n: count() }).from(projects).where(listWhere(filter));
  return row?.n ?? 0;
}

/**
 * Tracked minutes per project, for a page of projects, in one grouped query: finished entries
 * (adjustments included: they are instants with ended_at set) of each project's tasks, summed in
 * seconds and floored to minutes. Both tables are filtered by workspace_id and joined on it, so
 * the join stays co-located when the tables are distributed by workspace (docs/scaling.md).
 * Projects without entries are absent from the map.
 */
export async function trackedMinutesByProject(
  db: DbOrTx,
  page: readonly Pick<ProjectRow, 'id' | 'workspaceId'>[],
): Promise<Map<number, number>> {
  if (page.length === 0) return new Map();
  const workspaceIds = [...new Set(page.map((p) => p.workspaceId))];
  const projectIds = page.map((p) => p.id);
  const rows = await db
    .select({
      projectId: tasks.projectId,
      // sum() of integers is a bigint; floor through numeric so a negative total floors too.
      minutes: sql<number>`floor(sum(${timeEntries.durationSeconds})::numeric / 60)::integer`,
    })
    .from(timeEntries)
    .innerJoin(
      tasks,
      and(eq(tasks.workspaceId, timeEntries.workspaceId), eq(tasks.id, timeEntries.taskId)),
    )
    .where(
      and(
        inArray(timeEntries.workspaceId, workspaceIds),
        inArray(tasks.workspaceId, workspaceIds),
        inArray(tasks.projectId, projectIds),
        isNotNull(timeEntries.endedAt),
      ),
    )
    .groupBy(tasks.projectId);
  const out = new Map<number, number>();
  for (const row of rows) if (row.projectId !== null) out.set(row.projectId, row.minutes);
  return out;
}
