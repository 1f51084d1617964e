import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { tasks, timeEntries } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import type { KeysetPosition, TaskFilters, TaskSort } from './tasks.list.js';
import { runningTimerJoin, taskColumns, type TaskRow } from './tasks.repository.js';

/** A listed task plus its sort key as text (for the next cursor); null for the id sort. */
export type ListedTaskRow = TaskRow & { sortKey: string | null };

export interface ListParams {
  ownerId: number;
  filters: TaskFilters;
  /** "now" for the overdue filter */
  now: Date;
  /** The order of this query (already reversed when fetching the page before a cursor). */
  sort: TaskSort;
  limit: number;
  offset?: number;
  /** Only rows strictly after this position in `sort` order (keyset pagination). */
  after?: KeysetPosition;
}

/** Backslash is LIKE's default escape character; escaping it too keeps the pattern literal. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The owner scope of list queries. Written `owner_id = any(array[$1])`, not `owner_id = $1`, on
 * purpose: with `=`, PostgreSQL treats owner_id as a constant and drops it from the ORDER BY, and
 * for an owner holding a large share of the table it may then walk the primary key in id order,
 * filtering out every other owner's rows (measured by bench/explain-tasks.ts: 0.5 s per page for
 * a 100,000-task user whose rows are contiguous). `= any(...)` selects the same rows but keeps
 * owner_id in the ORDER BY (see orderByTerms), which only the owner-leading indexes can provide.
 */
export function ownerCondition(ownerId: number): SQL {
  return sql`${tasks.ownerId} = any(array[${ownerId}]::integer[])`;
}

/** Every filter, always scoped to one owner first so an owner-leading index can serve it. */
export function filterConditions(ownerId: number, f: TaskFilters, now: Date): SQL {
  const conditions: (SQL | undefined)[] = [ownerCondition(ownerId)];
  if (f.statuses.length > 0) conditions.push(inArray(tasks.status, f.statuses));
  if (f.priorities.length > 0) conditions.push(inArray(tasks.priority, f.priorities));
  if (f.category !== null) conditions.push(eq(tasks.category, f.category));
  if (f.tags.length > 0) conditions.push(arrayContains(tasks.tags, f.tags));
  if (f.q !== null) {
    const pattern = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  if (f.dueBefore !== null) conditions.push(lt(tasks.dueAt, f.dueBefore));
  if (f.dueAfter !== null) conditions.push(gte(tasks.dueAt, f.dueAfter));
  if (f.overdue === true) {
    conditions.push(and(ne(tasks.status, 'done'), lt(tasks.dueAt, now)));
  } else if (f.overdue === false) {
    conditions.push(or(eq(tasks.status, 'done'), isNull(tasks.dueAt), gte(tasks.dueAt, now)));
  }
  return and(...conditions) as SQL;
}

// Timestamps travel in cursors as text with microseconds, so a key read back from PostgreSQL
// compares exactly equal to the stored value (a JS Date would round to milliseconds).
const timestampText = (column: AnyPgColumn): SQL<string | null> =>
  sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function sortKeyExpression(sort: TaskSort): SQL<string | null> {
  switch (sort.field) {
    case 'id':
      return sql<null>`null::text`;
    case 'created_at':
      return timestampText(tasks.createdAt);
    case 'updated_at':
      return timestampText(tasks.updatedAt);
    case 'due_at':
      return timestampText(tasks.dueAt);
    case 'priority':
      return sql<string>`${tasks.priority}::text`;
    case 'title':
      return sql<string>`${tasks.title}`;
  }
}

/**
 * ORDER BY for a sort. Descending reverses every term, the id tie-breaker included, so `-x` is
 * exactly the reverse of `x`. due_at keeps PostgreSQL's defaults (NULLS LAST ascending, NULLS
 * FIRST descending), which is also what a forward or backward scan of (owner_id, due_at, id) gives.
 */
export function orderByTerms(sort: TaskSort): SQL[] {
  const terms = sortTerms(sort);
  // owner_id first, in the direction of the first term, so that one scan of an owner-leading
  // index gives the order (see ownerCondition).
  const leadsDescending = sort.field === 'priority' ? !sort.descending : sort.descending;
  return [(leadsDescending ? desc : asc)(tasks.ownerId), ...terms];
}

function sortTerms(sort: TaskSort): SQL[] {
  const dir = sort.descending ? desc : asc;
  const idTerm = dir(tasks.id);
  switch (sort.field) {
    case 'id':
      return [idTerm];
    case 'created_at':
      return [dir(tasks.createdAt), idTerm];
    case 'updated_at':
      return [dir(tasks.updatedAt), idTerm];
    case 'due_at':
      return [dir(tasks.dueAt), idTerm];
    case 'priority':
      // The enum is declared low < medium < high < urgent; "urgent first" is the enum descending.
      return [(sort.descending ? asc : desc)(tasks.priority), idTerm];
    case 'title':
      return [
        sort.descending
          ? sql`${tasks.title} collate "C" desc`
          : sql`${tasks.title} collate "C" asc`,
        idTerm,
      ];
  }
}

/** Rows strictly after `pos` in `sort` order. Row comparisons let the (owner_id, x, id) indexes seek. */
export function afterCondition(sort: TaskSort, pos: KeysetPosition): SQL {
  const cmp = sort.descending ? sql.raw('<') : sql.raw('>');
  const { key, id } = pos;
  switch (sort.field) {
    case 'id':
      return sql`${tasks.id} ${cmp} ${id}`;
    case 'created_at':
      return sql`(${tasks.createdAt}, ${tasks.id}) ${cmp} (${key}::timestamptz, ${id})`;
    case 'updated_at':
      return sql`(${tasks.updatedAt}, ${tasks.id}) ${cmp} (${key}::timestamptz, ${id})`;
    case 'title':
      return sql`(${tasks.title} collate "C", ${tasks.id}) ${cmp} (${key}::text collate "C", ${id})`;
    case 'priority': {
      const rankCmp = sort.descending ? sql.raw('>') : sql.raw('<');
      return sql`(${tasks.priority} ${rankCmp} ${key}::task_priority or (${tasks.priority} = ${key}::task_priority and ${tasks.id} ${cmp} ${id}))`;
    }
    case 'due_at':
      if (!sort.descending) {
        return key === null
          ? sql`(${tasks.dueAt} is null and ${tasks.id} > ${id})`
          : sql`((${tasks.dueAt}, ${tasks.id}) > (${key}::timestamptz, ${id}) or ${tasks.dueAt} is null)`;
      }
      return key === null
        ? sql`(${tasks.dueAt} is not null or ${tasks.id} < ${id})`
        : sql`(${tasks.dueAt}, ${tasks.id}) < (${key}::timestamptz, ${id})`;
  }
}

/** The page query, as a builder: the bench prints its exact SQL with `.toSQL()`. */
export function buildListQuery(db: DbOrTx, p: ListParams) {
  const filters = filterConditions(p.ownerId, p.filters, p.now);
  const query = db
    .select({ ...taskColumns, sortKey: sortKeyExpression(p.sort) })
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin(p.ownerId))
    .where(p.after ? and(filters, afterCondition(p.sort, p.after)) : filters)
    .orderBy(...orderByTerms(p.sort))
    .limit(p.limit)
    .$dynamic();
  return p.offset ? query.offset(p.offset) : query;
}

export function buildCountQuery(db: DbOrTx, ownerId: number, filters: TaskFilters, now: Date) {
  return db
    .select({ total: count() })
    .from(tasks)
    .where(filterConditions(ownerId, filters, now));
}

export async function listTasks(db: DbOrTx, p: ListParams): Promise<ListedTaskRow[]> {
  return buildListQuery(db, p);
}

export async function countTasks(
  db: DbOrTx,
  ownerId: number,
  filters: TaskFilters,
  now: Date,
): Promise<number> {
  const rows = await buildCountQuery(db, ownerId, filters, now);
  return rows[0]?.total ?? 0;
}
