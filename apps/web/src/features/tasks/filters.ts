import type { operations, TaskPriority, TaskStatus } from '@devtrackr/client';
import { isPriority, isStatus, PRIORITIES, STATUSES } from './labels';
import { isDay, nextDay, startOfDayAt } from './zoned';

// The task list's filters and sort, and their two representations: the page's URL (so a view
// can be bookmarked and back/forward work) and the API's query. The URL names days in the
// profile's zone (`due_from=2025-03-01`), which is what a person picks; the API takes instants,
// so the conversion needs the zone and happens only when the query is built.

export type ListQuery = NonNullable<operations['listTasks']['parameters']['query']>;
export type TaskSort = NonNullable<ListQuery['sort']>;

export const SORT_OPTIONS: readonly { value: TaskSort; label: string }[] = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: 'due_at', label: 'Due soonest' },
  { value: '-due_at', label: 'Due latest' },
  { value: 'priority', label: 'Most urgent' },
  { value: '-priority', label: 'Least urgent' },
  { value: '-updated_at', label: 'Recently changed' },
  { value: 'title', label: 'Title A–Z' },
  { value: '-title', label: 'Title Z–A' },
];

/** New tasks on top: quick add puts them there, where the person is looking. */
export const DEFAULT_SORT: TaskSort = '-created_at';

export interface TaskFilters {
  status: TaskStatus[];
  priority: TaskPriority[];
  /** Exact category; '' for any. */
  category: string;
  /** Every one of these tags (lower case). */
  tags: string[];
  /** Substring of the title or description; '' for none. */
  q: string;
  /** Due on or after this local day (`YYYY-MM-DD`); '' for no bound. */
  dueFrom: string;
  /** Due on or before this local day, included; '' for no bound. */
  dueUntil: string;
  /** Only tasks past their due date and not done. */
  overdue: boolean;
  /** A project id of the current workspace; '' for any. */
  project: string;
  /** A member's user id, 'me', or 'none' (unassigned); '' for anyone. */
  assignee: string;
  sort: TaskSort;
}

export const NO_FILTERS: TaskFilters = {
  status: [],
  priority: [],
  category: '',
  tags: [],
  q: '',
  dueFrom: '',
  dueUntil: '',
  overdue: false,
  project: '',
  assignee: '',
  sort: DEFAULT_SORT,
};

// The API's limits (GET /tasks in openapi.json): a value outside them would be a 422 for the
// whole list, so a hand-edited URL loses that one filter instead of breaking the page.
const TAG = /^[A-Za-z0-9._-]{1,30}$/;
const MAX_TAGS = 20;
const MAX_CATEGORY = 50;
const MAX_Q = 200;
const ID = /^[1-9][0-9]{0,9}$/;
const ASSIGNEE = /^([1-9][0-9]{0,9}|me|none)$/;

/** URL parameter names; `tag` repeats, `status` and `priority` are comma lists. */
const P = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  tag: 'tag',
  q: 'q',
  dueFrom: 'due_from',
  dueUntil: 'due_until',
  overdue: 'overdue',
  project: 'project',
  assignee: 'assignee',
  sort: 'sort',
} as const;

/** Every parameter the filters own; anything else in the URL is left alone. */
export const FILTER_PARAMS: readonly string[] = Object.values(P);

function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
}

/** In the enum's order, each once: the same filter always gives the same URL and query key. */
function canonical<T extends string>(values: string[], all: readonly T[]): T[] {
  return all.filter((value) => values.includes(value));
}

function isSort(value: string): value is TaskSort {
  return SORT_OPTIONS.some((option) => option.value === value) || value === 'id' || value === '-id';
}

/** The filters a URL's query asks for; unknown or invalid values are dropped. */
export function filtersFromSearch(params: URLSearchParams): TaskFilters {
  const tags = [...new Set(listParam(params, P.tag).filter((tag) => TAG.test(tag)))];
  const category = (params.get(P.category) ?? '').trim();
  const q = (params.get(P.q) ?? '').trim();
  const dueFrom = params.get(P.dueFrom) ?? '';
  const dueUntil = params.get(P.dueUntil) ?? '';
  const sort = params.get(P.sort) ?? '';
  const project = params.get(P.project) ?? '';
  const assignee = params.get(P.assignee) ?? '';
  return {
    status: canonical(listParam(params, P.status).filter(isStatus), STATUSES),
    priority: canonical(listParam(params, P.priority).filter(isPriority), PRIORITIES),
    category: category.length <= MAX_CATEGORY ? category : '',
    tags: tags.slice(0, MAX_TAGS),
    q: q.slice(0, MAX_Q),
    dueFrom: isDay(dueFrom) ? dueFrom : '',
    dueUntil: isDay(dueUntil) ? dueUntil : '',
    overdue: params.get(P.overdue) === 'true',
    project: ID.test(project) ? project : '',
    assignee: ASSIGNEE.test(assignee) ? assignee : '',
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

/**
 * `current` with the filters replaced by `filters`; parameters the filters do not own are kept.
 * Defaults are left out, so the plain list is plain `/tasks`.
 */
export function searchWithFilters(current: URLSearchParams, filters: TaskFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.status.length > 0) next.set(P.status, filters.status.join(','));
  if (filters.priority.length > 0) next.set(P.priority, filters.priority.join(','));
  if (filters.category !== '') next.set(P.category, filters.category);
  for (const tag of filters.tags) next.append(P.tag, tag);
  if (filters.q !== '') next.set(P.q, filters.q);
  if (filters.dueFrom !== '') next.set(P.dueFrom, filters.dueFrom);
  if (filters.dueUntil !== '') next.set(P.dueUntil, filters.dueUntil);
  if (filters.overdue) next.set(P.overdue, 'true');
  if (filters.project !== '') next.set(P.project, filters.project);
  if (filters.assignee !== '') next.set(P.assignee, filters.assignee);
  if (filters.sort !== DEFAULT_SORT) next.set(P.sort, filters.sort);
  return next;
}

/** How many filters narrow the list (the sort does not count). */
export function activeFilterCount(filters: TaskFilters): number {
  return [
    filters.status.length > 0,
    filters.priority.length > 0,
    filters.category !== '',
    filters.tags.length > 0,
    filters.q !== '',
    filters.dueFrom !== '',
    filters.dueUntil !== '',
    filters.overdue,
    filters.project !== '',
    filters.assignee !== '',
  ].filter(Boolean).length;
}

/**
 * The API query for the filters (without paging). Days become instants in `timeZone`: "due
 * from" is the start of that day (the API's due_after is inclusive); "due until" includes its
 * whole day, so it is the start of the next one (due_before is exclusive).
 */
export function listQuery(filters: TaskFilters, timeZone: string): ListQuery {
  const query: ListQuery = { sort: filters.sort };
  if (filters.status.length > 0) query.status = filters.status;
  if (filters.priority.length > 0) query.priority = filters.priority;
  if (filters.category !== '') query.category = filters.category;
  if (filters.tags.length > 0) query.tag = filters.tags;
  if (filters.q !== '') query.q = filters.q;
  if (filters.dueFrom !== '') query.due_after = startOfDayAt(filters.dueFrom, timeZone);
  if (filters.dueUntil !== '') {
    query.due_before = startOfDayAt(nextDay(filters.dueUntil), timeZone);
  }
  if (filters.overdue) query.overdue = true;
  if (filters.project !== '') query.project_id = Number(filters.project);
  if (filters.assignee !== '') query.assignee_id = filters.assignee;
  return query;
}
