import { createHash } from 'node:crypto';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../db/schema/tasks.js';
import { validationError } from '../../shared/errors.js';
import { checkText, parseTimestamp } from './tasks.input.js';
import type { ListTasksQuery, SortValue, TaskPriority, TaskStatus } from './tasks.schemas.js';

/** The list filters, normalised: empty arrays and nulls mean "no filter". */
export interface TaskFilters {
  statuses: TaskStatus[];
  priorities: TaskPriority[];
  category: string | null;
  /** lower-cased, distinct, sorted; the task must have all of them */
  tags: string[];
  q: string | null;
  dueBefore: Date | null;
  dueAfter: Date | null;
  overdue: boolean | null;
  /** The workspace named by the query (the list reads only it); null: every visible one. */
  workspaceId: number | null;
  projectId: number | null;
  /** A user id, or `none` for unassigned tasks; `me` is resolved to the caller's id. */
  assignee: number | 'none' | null;
  createdBy: number | null;
}

export type SortField = 'id' | 'created_at' | 'updated_at' | 'due_at' | 'priority' | 'title';

export interface TaskSort {
  field: SortField;
  descending: boolean;
}

/** A place in a sort order: the sort key as text (null for the id sort or a null due_at) and the id. */
export interface KeysetPosition {
  key: string | null;
  id: number;
}

export function parseSort(value: SortValue | undefined): TaskSort {
  const raw = value ?? 'id';
  const descending = raw.startsWith('-');
  return { field: (descending ? raw.slice(1) : raw) as SortField, descending };
}

export const reverseSort = (s: TaskSort): TaskSort => ({ ...s, descending: !s.descending });

export const sortParam = (s: TaskSort): string => (s.descending ? `-${s.field}` : s.field);

function parseList<T extends string>(
  raw: string[] | undefined,
  allowed: readonly T[],
  location: string,
): T[] {
  if (raw === undefined) return [];
  const wanted = new Set<string>();
  for (const value of raw.flatMap((v) => v.split(','))) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw validationError(
        location,
        `must be one value or a comma list of: ${allowed.join(', ')} (got "${value.slice(0, 20)}")`,
      );
    }
    wanted.add(value);
  }
  // Canonical order, so equivalent queries share a cursor digest.
  return allowed.filter((v) => wanted.has(v));
}

function parseFilterTime(raw: string | undefined, location: string): Date | null {
  return raw === undefined ? null : parseTimestamp(raw, location);
}

/** Checks and normalises the filter parameters; a bad value is a 422 naming the parameter. */
/** A user filter: `me` is the caller; an id beyond int4 is a 422 rather than a database error. */
function parseUser(raw: string, userId: number, location: string): number {
  if (raw === 'me') return userId;
  const id = Number(raw);
  if (id > 2_147_483_647) throw validationError(location, 'must be a valid user id');
  return id;
}

export function parseFilters(query: ListTasksQuery, userId: number): TaskFilters {
  if (query.category !== undefined) checkText(query.category, 'query.category');
  if (query.q !== undefined) checkText(query.q, 'query.q');
  return {
    statuses: parseList(query.status, TASK_STATUSES, 'query.status'),
    priorities: parseList(query.priority, TASK_PRIORITIES, 'query.priority'),
    category: query.category ?? null,
    tags: [...new Set((query.tag ?? []).map((t) => t.toLowerCase()))].sort(),
    q: query.q ?? null,
    dueBefore: parseFilterTime(query.due_before, 'query.due_before'),
    dueAfter: parseFilterTime(query.due_after, 'query.due_after'),
    overdue: query.overdue ?? null,
    workspaceId: query.workspace_id ?? null,
    projectId: query.project_id ?? null,
    assignee:
      query.assignee_id === undefined
        ? null
        : query.assignee_id === 'none'
          ? 'none'
          : parseUser(query.assignee_id, userId, 'query.assignee_id'),
    createdBy:
      query.created_by === undefined
        ? null
        : parseUser(query.created_by, userId, 'query.created_by'),
  };
}

/** A short digest of the filters and sort, carried (signed) in every cursor to bind it to them. */
export function filtersDigest(f: TaskFilters, sort: TaskSort): string {
  const canonical = JSON.stringify([
    f.statuses,
    f.priorities,
    f.category,
    f.tags,
    f.q,
    f.dueBefore?.toISOString() ?? null,
    f.dueAfter?.toISOString() ?? null,
    f.overdue,
    sortParam(sort),
    f.workspaceId,
    f.projectId,
    f.assignee,
    f.createdBy,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/** The query string of a list URL that keeps the filters and sort, for the Link header. */
export function listQueryString(
  f: TaskFilters,
  sort: TaskSort,
  limit: number,
  page: { offset: number } | { cursor: string },
): string {
  const parts: [string, string][] = [];
  if (f.statuses.length > 0) parts.push(['status', f.statuses.join(',')]);
  if (f.priorities.length > 0) parts.push(['priority', f.priorities.join(',')]);
  if (f.category !== null) parts.push(['category', f.category]);
  for (const tag of f.tags) parts.push(['tag', tag]);
  if (f.q !== null) parts.push(['q', f.q]);
  if (f.dueBefore !== null) parts.push(['due_before', f.dueBefore.toISOString()]);
  if (f.dueAfter !== null) parts.push(['due_after', f.dueAfter.toISOString()]);
  if (f.workspaceId !== null) parts.push(['workspace_id', String(f.workspaceId)]);
  if (f.projectId !== null) parts.push(['project_id', String(f.projectId)]);
  if (f.assignee !== null) parts.push(['assignee_id', String(f.assignee)]);
  if (f.createdBy !== null) parts.push(['created_by', String(f.createdBy)]);
  if (f.overdue !== null) parts.push(['overdue', String(f.overdue)]);
  if (sort.field !== 'id' || sort.descending) parts.push(['sort', sortParam(sort)]);
  parts.push(['limit', String(limit)]);
  if ('cursor' in page) parts.push(['cursor', page.cursor]);
  else parts.push(['offset', String(page.offset)]);
  // Commas stay readable: they are legal in a query and only split status and priority.
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
}

export interface PageLinks {
  first?: string;
  prev?: string;
  next?: string;
}

/** RFC 8288 Link header value; URLs are relative to the API root. */
export function linkHeader(links: PageLinks): string | undefined {
  const parts: string[] = [];
  for (const rel of ['first', 'prev', 'next'] as const) {
    const query = links[rel];
    if (query !== undefined) parts.push(`</tasks?${query}>; rel="${rel}"`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}
