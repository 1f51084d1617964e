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
  fillPlaceholders,
  sql,
  type Query,
  type SQL,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { tasks, timeEntries } from '../../db/schema/index.js';
import {
  StatementsByShape,
  placeholders,
  statement,
  type Params,
  type Statement,
} from '../../db/statement.js';
import type { DbOrTx } from '../../db/types.js';
import type { KeysetPosition, TaskFilters, TaskSort } from './tasks.list.js';
import type { TaskPriority, TaskStatus } from './tasks.schemas.js';
import { runningTimerJoin, taskColumns, type TaskRow } from './tasks.repository.js';

/** A listed task plus its sort key as text (for the next cursor); null for the id sort. */
export type ListedTaskRow = TaskRow & { sortKey: string | null };

/** Whose list: the workspaces it reads and the caller (for their running timer). */
export interface ListScope {
  workspaceIds: readonly number[];
  userId: number;
}

export interface ListParams extends ListScope {
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
 * The named values of a count query, and of a page query (PageValues). Which names are present
 * is the query's shape: one statement is built per shape (statement.ts) and reused, since
 * building one with Drizzle cost more CPU than PostgreSQL spent answering it (bench profile of
 * `GET /tasks`). Enum filters take one value per name (status0, status1, ...).
 */
interface FilterValues {
  userId: number;
  /** One workspace (the one-person case, or a workspace_id filter)… */
  workspaceId?: number;
  /** …or several: the tasks of every workspace the caller belongs to. */
  workspaceIds?: number[];
  projectId?: number;
  assigneeId?: number;
  unassigned?: true;
  createdBy?: number;
  category?: string;
  tags?: string[];
  pattern?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  overdueAt?: Date;
  notOverdueAt?: Date;
  [status: `status${number}`]: TaskStatus;
  [priority: `priority${number}`]: TaskPriority;
}

interface PageValues extends FilterValues {
  limit: number;
  offset?: number;
  afterId?: number;
  afterKey?: string | null;
}

/** The values of the filters that are set; see FilterValues. */
function filterValues(scope: ListScope, f: TaskFilters, now: Date): FilterValues {
  const v: FilterValues = { userId: scope.userId };
  const [only] = scope.workspaceIds;
  if (scope.workspaceIds.length === 1 && only !== undefined) v.workspaceId = only;
  else v.workspaceIds = [...scope.workspaceIds];
  if (f.projectId !== null) v.projectId = f.projectId;
  if (f.assignee === 'none') v.unassigned = true;
  else if (f.assignee !== null) v.assigneeId = f.assignee;
  if (f.createdBy !== null) v.createdBy = f.createdBy;
  f.statuses.forEach((status, i) => (v[`status${i}`] = status));
  f.priorities.forEach((priority, i) => (v[`priority${i}`] = priority));
  if (f.category !== null) v.category = f.category;
  if (f.tags.length > 0) v.tags = f.tags;
  if (f.q !== null) v.pattern = `%${escapeLike(f.q)}%`;
  if (f.dueBefore !== null) v.dueBefore = f.dueBefore;
  if (f.dueAfter !== null) v.dueAfter = f.dueAfter;
  if (f.overdue === true) v.overdueAt = now;
  else if (f.overdue === false) v.notOverdueAt = now;
  return v;
}

/**
 * The workspace scope of list queries. One workspace is written `workspace_id = any(array[$1])`,
 * not `workspace_id = $1`, on purpose: with `=`, PostgreSQL treats workspace_id as a constant and
 * drops it from the ORDER BY, and for a workspace holding a large share of the table it may then
 * walk the primary key in id order, filtering out every other workspace's rows (measured by
 * bench/explain-tasks.ts: 0.5 s per page for a 100,000-task user whose rows are contiguous).
 * `= any(...)` selects the same rows but keeps workspace_id in the ORDER BY (see orderByTerms),
 * which only the workspace-leading indexes can provide. Several workspaces are one array.
 */
const workspaceCondition = <V extends FilterValues>(v: V, p: Params<V>) =>
  'workspaceId' in v
    ? sql`${tasks.workspaceId} = any(array[${p('workspaceId')}]::integer[])`
    : sql`${tasks.workspaceId} = any(${p.raw('workspaceIds')}::integer[])`;

/** Every filter named in `v` (filterValues), scoped to one owner first for the owner indexes. */
function filterConditions<V extends FilterValues>(v: V, p: Params<V>): SQL {
  const has = (name: keyof FilterValues) => name in v;
  // Enum values need no encoding: plain placeholders, one per value (status0, status1, ...).
  const inList = <P extends 'status' | 'priority'>(prefix: P) =>
    Object.keys(v)
      .filter((k): k is `${P}${number}` => k.startsWith(prefix))
      .map((k) => p(k));
  const conditions: (SQL | undefined)[] = [workspaceCondition(v, p)];
  if (has('projectId')) conditions.push(eq(tasks.projectId, p('projectId')));
  if (has('assigneeId')) conditions.push(eq(tasks.assigneeId, p('assigneeId')));
  if (has('unassigned')) conditions.push(isNull(tasks.assigneeId));
  if (has('createdBy')) conditions.push(eq(tasks.ownerId, p('createdBy')));
  const statuses = inList('status');
  if (statuses.length > 0) conditions.push(inArray(tasks.status, statuses));
  const priorities = inList('priority');
  if (priorities.length > 0) conditions.push(inArray(tasks.priority, priorities));
  if (has('category')) conditions.push(eq(tasks.category, p.as('category', tasks.category)));
  if (has('tags')) conditions.push(arrayContains(tasks.tags, p.as('tags', tasks.tags)));
  if (has('pattern')) {
    const pattern = p.raw('pattern');
    conditions.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  if (has('dueBefore')) conditions.push(lt(tasks.dueAt, p.as('dueBefore', tasks.dueAt)));
  if (has('dueAfter')) conditions.push(gte(tasks.dueAt, p.as('dueAfter', tasks.dueAt)));
  if (has('overdueAt')) {
    conditions.push(and(ne(tasks.status, 'done'), lt(tasks.dueAt, p.as('overdueAt', tasks.dueAt))));
  } else if (has('notOverdueAt')) {
    const now = p.as('notOverdueAt', tasks.dueAt);
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
export function orderByTerms(sort: TaskSort, oneWorkspace: boolean): SQL[] {
  const terms = sortTerms(sort);
  // Across several workspaces the order is global: a sort step over their rows, since grouping
  // by workspace would both change the order and break keyset positions.
  if (!oneWorkspace) return terms;
  // workspace_id first, in the direction of the first term, so that one scan of a
  // workspace-leading index gives the order (see workspaceCondition).
  const leadsDescending = sort.field === 'priority' ? !sort.descending : sort.descending;
  return [(leadsDescending ? desc : asc)(tasks.workspaceId), ...terms];
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

/**
 * The keyset position's values: the id, and the sort key except where the query does not use it
 * (the id sort, and a due_at position without a due date).
 */
function afterValues(
  sort: TaskSort,
  pos: KeysetPosition,
): Pick<PageValues, 'afterId' | 'afterKey'> {
  const usesKey = sort.field !== 'id' && !(sort.field === 'due_at' && pos.key === null);
  return usesKey ? { afterId: pos.id, afterKey: pos.key } : { afterId: pos.id };
}

/** Rows strictly after the position in `sort` order. Row comparisons let the (owner_id, x, id) indexes seek. */
function afterCondition(sort: TaskSort, hasKey: boolean, p: Params<PageValues>): SQL {
  const cmp = sort.descending ? sql.raw('<') : sql.raw('>');
  const key = p.raw('afterKey');
  const id = p.raw('afterId');
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
        return hasKey
          ? sql`((${tasks.dueAt}, ${tasks.id}) > (${key}::timestamptz, ${id}) or ${tasks.dueAt} is null)`
          : sql`(${tasks.dueAt} is null and ${tasks.id} > ${id})`;
      }
      return hasKey
        ? sql`(${tasks.dueAt}, ${tasks.id}) < (${key}::timestamptz, ${id})`
        : sql`(${tasks.dueAt} is not null or ${tasks.id} < ${id})`;
  }
}

/** The named values of a page query; see filterValues. */
function listValues(p: ListParams): PageValues {
  return {
    ...filterValues(p, p.filters, p.now),
    ...(p.after ? afterValues(p.sort, p.after) : {}),
    limit: p.limit,
    ...(p.offset ? { offset: p.offset } : {}),
  };
}

/** The page query for the shape of `v`, with placeholders for its values. */
function pageQuery(db: DbOrTx, sort: TaskSort, v: PageValues, p: Params<PageValues>) {
  const filters = filterConditions(v, p);
  const query = db
    .select({ ...taskColumns, sortKey: sortKeyExpression(sort) })
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin(p('userId')))
    .where('afterId' in v ? and(filters, afterCondition(sort, 'afterKey' in v, p)) : filters)
    .orderBy(...orderByTerms(sort, 'workspaceId' in v))
    .limit(p('limit'))
    .$dynamic();
  return 'offset' in v ? query.offset(p('offset')) : query;
}

const countQuery = (db: DbOrTx, v: FilterValues, p: Params<FilterValues>) =>
  db.select({ total: count() }).from(tasks).where(filterConditions(v, p));

const pageStatements = new StatementsByShape<Statement<PageValues, ListedTaskRow[]>>(1000);
const countStatements = new StatementsByShape<Statement<FilterValues, { total: number }[]>>(500);

const shapeOf = (v: FilterValues) => Object.keys(v).join();

/** The page query with its values bound, for EXPLAIN (bench/explain-tasks.ts). */
export function buildListQuery(db: DbOrTx, p: ListParams): { toSQL(): Query } {
  const v = listValues(p);
  return withValues(pageQuery(db, p.sort, v, placeholders()), v);
}

/** The count query with its values bound, for EXPLAIN (bench/explain-tasks.ts). */
export function buildCountQuery(
  db: DbOrTx,
  scope: ListScope,
  filters: TaskFilters,
  now: Date,
): { toSQL(): Query } {
  const v = filterValues(scope, filters, now);
  return withValues(countQuery(db, v, placeholders()), v);
}

function withValues(query: { toSQL(): Query }, v: FilterValues): { toSQL(): Query } {
  return {
    toSQL() {
      const q = query.toSQL();
      // fillPlaceholders takes any record; FilterValues is one, with typed names.
      return {
        sql: q.sql,
        params: fillPlaceholders(q.params, v as unknown as Record<string, unknown>),
      };
    },
  };
}

export async function listTasks(db: DbOrTx, p: ListParams): Promise<ListedTaskRow[]> {
  const v = listValues(p);
  const sortShape = `${p.sort.field}${p.sort.descending ? '-' : '+'}`;
  const run = pageStatements.get(`${sortShape}|${shapeOf(v)}`, () =>
    statement<PageValues, ListedTaskRow[]>((d, params) => pageQuery(d, p.sort, v, params)),
  );
  return run(db, v);
}

export async function countTasks(
  db: DbOrTx,
  scope: ListScope,
  filters: TaskFilters,
  now: Date,
): Promise<number> {
  const v = filterValues(scope, filters, now);
  const run = countStatements.get(shapeOf(v), () =>
    statement<FilterValues, { total: number }[]>((d, params) => countQuery(d, v, params)),
  );
  const rows = await run(db, v);
  return rows[0]?.total ?? 0;
}
