import { isForeignKeyViolation } from '../../db/errors.js';
import type { Db, DbOrTx, Tx } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { requireRole, visibleMemberships, type Caller } from '../workspaces/access.service.js';
import { authorize } from '../workspaces/workspaces.policy.js';
import { requireScope, type Scope } from '../auth/scopes.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import { applyActualMinutes } from '../ledger/ledger.service.js';
import { CursorCodec } from './tasks.cursor.js';
import { assertIfMatch } from './tasks.etag.js';
import {
  normaliseCreate,
  normalisePatch,
  type CreateValues,
  type PatchValues,
} from './tasks.input.js';
import {
  countTasks,
  listTasks,
  type ListParams,
  type ListedTaskRow,
} from './tasks.list.repository.js';
import {
  filtersDigest,
  listQueryString,
  parseFilters,
  parseSort,
  reverseSort,
  type PageLinks,
} from './tasks.list.js';
import * as repo from './tasks.repository.js';
import type { AccessibleTaskRow, TaskRow, TaskWrite } from './tasks.repository.js';
import type {
  BulkPatchItem,
  CreateTaskBody,
  ListTasksQuery,
  PatchTaskBody,
} from './tasks.schemas.js';

const taskNotFound = (): AppError => notFound('The task does not exist.');

/** Optimistic PATCH attempts before falling back to the row lock (see updateOptimistic). */
const OPTIMISTIC_ATTEMPTS = 3;

export interface TaskPage {
  rows: TaskRow[];
  total: number;
  links: PageLinks;
}

/** A bulk item after schema validation: its body, or the 422 it earned. */
export type BulkInput<T> = { ok: true; body: T } | { ok: false; error: AppError };

export interface BulkOutcome {
  index: number;
  status: number;
  row?: TaskRow;
  error?: AppError;
}

/** A token's scopes; null for a login session, which has them all. */
type Scopes = readonly Scope[] | null;

/**
 * Setting `actual_minutes` writes an adjustment time entry, so it needs `time:write` as well as
 * the route's `tasks:write` (issue 12, D9).
 */
function withTimeScope<T extends { actualMinutes?: number | undefined }>(
  values: T,
  scopes: Scopes,
): T {
  if (values.actualMinutes !== undefined) requireScope(scopes, 'time:write');
  return values;
}

/**
 * The database holds "same workspace" for a task's project and assignee (composite foreign keys);
 * its refusal becomes the 422 that names the field.
 */
async function withReferenceChecks<T>(at: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isForeignKeyViolation(err, 'tasks_project_fk')) {
      throw validationError(`${at}.project_id`, "must be a project in the task's workspace");
    }
    if (isForeignKeyViolation(err, 'tasks_assignee_fk')) {
      throw validationError(`${at}.assignee_id`, "must be a member of the task's workspace");
    }
    throw err;
  }
}

/**
 * The task use cases. A task is visible to the members of its workspace: anyone else gets a 404,
 * exactly as for a task that does not exist; a member whose role may not write gets a 403.
 */
export class TasksService {
  private readonly cursors: CursorCodec;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    cursorSecret: string,
  ) {
    this.cursors = new CursorCodec(cursorSecret);
  }

  async create(caller: Caller, body: CreateTaskBody, scopes: Scopes = null): Promise<TaskRow> {
    const values = withTimeScope(normaliseCreate(body, 'body'), scopes);
    const workspaceId = await this.writableWorkspace(this.db, caller, values.workspaceId, 'body');
    // Without hand-set time the task is one INSERT, atomic on its own: no transaction to open.
    if (!values.actualMinutes) {
      const task = this.newTask(caller.userId, workspaceId, values);
      return withReferenceChecks('body', () => repo.insertTask(this.db, task));
    }
    return this.db.transaction((tx) =>
      this.createIn(tx, caller.userId, workspaceId, values, 'body'),
    );
  }

  /**
   * The workspace a new task goes to, checked: the one named (a stranger's is a 404 at
   * `workspace_id`), else the token's, else the caller's personal one; the caller's role there
   * must allow writing tasks (403 otherwise).
   */
  private async writableWorkspace(
    db: DbOrTx,
    caller: Caller,
    named: number | undefined,
    at: string,
  ): Promise<number> {
    const target = named ?? caller.workspaceId;
    if (target === null) {
      const personal = (await visibleMemberships(db, caller)).find((m) => m.personal);
      if (!personal) throw validationError(`${at}.workspace_id`, 'is required');
      authorize(personal.role, 'tasks.write');
      return personal.workspaceId;
    }
    await requireRole(db, caller, target, 'tasks.write');
    return target;
  }

  async get(caller: Caller, taskId: number): Promise<TaskRow> {
    const row = await repo.findTaskForCaller(this.db, caller, taskId);
    if (!row) throw taskNotFound();
    return row;
  }

  async update(
    caller: Caller,
    taskId: number,
    body: PatchTaskBody,
    ifMatch?: string,
    scopes: Scopes = null,
  ): Promise<TaskRow> {
    const changes = withTimeScope(normalisePatch(body, 'body'), scopes);
    return withReferenceChecks('body', () =>
      this.updateOptimistic(caller, taskId, changes, ifMatch),
    );
  }

  async remove(caller: Caller, taskId: number, ifMatch?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await repo.lockTaskForCaller(tx, caller, taskId);
      if (!current) throw taskNotFound();
      authorize(current.role, 'tasks.delete', { own: current.ownerId === caller.userId });
      assertIfMatch(ifMatch, current);
      await repo.deleteTask(tx, current.workspaceId, taskId);
    });
  }

  /**
   * Offset pages by default. A `cursor` parameter (empty for the first page) switches to keyset
   * pages: each fetches limit + 1 rows after (or before) the position to know whether another page
   * exists, so a deep page costs what the first does.
   */
  async list(caller: Caller, query: ListTasksQuery): Promise<TaskPage> {
    const filters = parseFilters(query, caller.userId);
    const workspaceIds = await this.listedWorkspaces(caller, query.workspace_id);
    const ownerId = caller.userId;
    const sort = parseSort(query.sort);
    const limit = query.limit ?? 50;
    if (query.cursor !== undefined && query.offset !== undefined) {
      throw validationError('query.offset', 'cannot be combined with cursor');
    }
    const digest = filtersDigest(filters, sort);
    const state = query.cursor
      ? this.cursors.decode(query.cursor, ownerId, digest, sort.field)
      : null;
    const now = this.clock();
    const base = { workspaceIds, userId: caller.userId, filters, now, sort };
    const fetch = (p: Omit<ListParams, keyof typeof base> & Partial<ListParams>) =>
      Promise.all([
        listTasks(this.db, { ...base, ...p }),
        countTasks(this.db, { workspaceIds, userId: caller.userId }, filters, now),
      ]);
    const qs = (page: { offset: number } | { cursor: string }) =>
      listQueryString(filters, sort, limit, page);

    if (query.cursor === undefined) {
      const offset = query.offset ?? 0;
      const [rows, total] = await fetch({ limit, offset });
      const links: PageLinks = { first: qs({ offset: 0 }) };
      if (offset > 0) links.prev = qs({ offset: Math.max(0, offset - limit) });
      if (offset + rows.length < total) links.next = qs({ offset: offset + limit });
      return { rows, total, links };
    }

    const cursor = (row: ListedTaskRow, direction: 'after' | 'before') => ({
      cursor: this.cursors.encode(ownerId, digest, {
        direction,
        position: { key: row.sortKey, id: row.id },
      }),
    });
    const links: PageLinks = { first: qs({ cursor: '' }) };

    if (state === null || state.direction === 'after') {
      const [fetched, total] = await fetch({
        limit: limit + 1,
        ...(state ? { after: state.position } : {}),
      });
      const rows = fetched.slice(0, limit);
      const first = rows[0];
      const last = rows[rows.length - 1];
      if (state !== null && first) links.prev = qs(cursor(first, 'before'));
      if (fetched.length > limit && last) links.next = qs(cursor(last, 'after'));
      return { rows, total, links };
    }

    // The page before the position: walk the reversed order, then put the rows back in order.
    const [fetched, total] = await fetch({
      sort: reverseSort(sort),
      limit: limit + 1,
      after: state.position,
    });
    const rows = fetched.slice(0, limit).reverse();
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (fetched.length > limit && first) links.prev = qs(cursor(first, 'before'));
    // Nothing before the position means the first page is what comes next.
    links.next = last ? qs(cursor(last, 'after')) : qs({ cursor: '' });
    return { rows, total, links };
  }

  /**
   * The workspaces a list reads: the one named (a stranger's is a 404), else every workspace the
   * caller can see. For one person that is their personal workspace alone, so the list keeps its
   * single-workspace plan (an index scan in the requested order).
   */
  private async listedWorkspaces(caller: Caller, named: number | undefined): Promise<number[]> {
    if (named !== undefined) {
      await requireRole(this.db, caller, named, 'workspace.read');
      return [named];
    }
    return (await visibleMemberships(this.db, caller)).map((m) => m.workspaceId);
  }

  /**
   * Bulk create. One transaction for the batch, a savepoint per item: an item that fails (422) is
   * rolled back alone and reported; the others stay. An unexpected error aborts the whole batch.
   */
  async bulkCreate(
    caller: Caller,
    items: BulkInput<CreateTaskBody>[],
    scopes: Scopes = null,
  ): Promise<BulkOutcome[]> {
    return this.eachItem(items, 201, async (tx, body, at) => {
      const values = withTimeScope(normaliseCreate(body, at), scopes);
      const workspaceId = await this.writableWorkspace(tx, caller, values.workspaceId, at);
      return this.createIn(tx, caller.userId, workspaceId, values, at);
    });
  }

  /** Bulk PATCH, with the same per-item semantics as bulkCreate. */
  async bulkUpdate(
    caller: Caller,
    items: BulkInput<BulkPatchItem>[],
    scopes: Scopes = null,
  ): Promise<BulkOutcome[]> {
    return this.eachItem(items, 200, (tx, { id, ...body }, at) =>
      withReferenceChecks(at, () =>
        this.updateIn(tx, caller, id, withTimeScope(normalisePatch(body, at), scopes), at),
      ),
    );
  }

  private async eachItem<T>(
    items: BulkInput<T>[],
    okStatus: number,
    apply: (tx: Tx, body: T, at: string) => Promise<TaskRow>,
  ): Promise<BulkOutcome[]> {
    return this.db.transaction(async (tx) => {
      const out: BulkOutcome[] = [];
      for (const [index, item] of items.entries()) {
        if (!item.ok) {
          out.push({ index, status: item.error.status, error: item.error });
          continue;
        }
        try {
          const row = await tx.transaction((sp) => apply(sp, item.body, `body.${index}`));
          out.push({ index, status: okStatus, row });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          out.push({ index, status: err.status, error: err });
        }
      }
      return out;
    });
  }

  private newTask(creatorId: number, workspaceId: number, v: CreateValues): repo.NewTask {
    const now = this.clock();
    return {
      workspaceId,
      ownerId: creatorId,
      projectId: v.projectId,
      assigneeId: v.assigneeId,
      title: v.title,
      description: v.description,
      category: v.category,
      status: v.status,
      priority: v.priority,
      tags: v.tags,
      estimatedMinutes: v.estimatedMinutes,
      dueAt: v.dueAt,
      completedAt: v.status === 'done' ? now : null,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async createIn(
    tx: Tx,
    creatorId: number,
    workspaceId: number,
    v: CreateValues,
    at: string,
  ): Promise<TaskRow> {
    const task = this.newTask(creatorId, workspaceId, v);
    const row = await withReferenceChecks(at, () => repo.insertTask(tx, task));
    if (!v.actualMinutes) return row;
    await applyActualMinutes(tx, {
      userId: creatorId,
      taskId: row.id,
      minutes: v.actualMinutes,
      at: task.createdAt,
    });
    return { ...row, actualMinutes: v.actualMinutes };
  }

  /**
   * Optimistic: reads the task, then writes only if it is still at the version read (one
   * statement each, no transaction, no lock held across round trips). A write that lost a race
   * reads again; after a few lost races the update takes the row lock instead, so it always ends.
   * Setting actual_minutes writes a time entry too, so that path runs in a transaction.
   */
  private async updateOptimistic(
    caller: Caller,
    taskId: number,
    changes: PatchValues,
    ifMatch?: string,
  ): Promise<TaskRow> {
    const locked = () =>
      this.db.transaction((tx) => this.updateIn(tx, caller, taskId, changes, 'body', ifMatch));
    if (changes.actualMinutes !== undefined) return locked();
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const current = await repo.findTaskForCaller(this.db, caller, taskId);
      const outcome = await this.write(
        this.db,
        caller,
        current,
        changes,
        'body',
        ifMatch,
        this.clock(),
      );
      if (outcome !== undefined) return outcome;
    }
    return locked();
  }

  /** The update under the row lock, for transactions (bulk items, actual_minutes). */
  private async updateIn(
    tx: Tx,
    caller: Caller,
    taskId: number,
    changes: PatchValues,
    at: string,
    ifMatch?: string,
  ): Promise<TaskRow> {
    const current = await repo.lockTaskForCaller(tx, caller, taskId);
    // A hand-set total writes an adjustment against everyone's tracked time: where other members
    // tracked time on the task, that edits their time, which only admins may do.
    if (
      current &&
      changes.actualMinutes !== undefined &&
      (await repo.hasOthersEntries(tx, current.workspaceId, taskId, caller.userId))
    ) {
      authorize(current.role, 'time.others.write');
    }
    const now = this.clock();
    const updated = await this.write(tx, caller, current, changes, at, ifMatch, now);
    // The row is locked since lockTaskForCaller, so it cannot have changed or gone in between.
    if (!updated) throw taskNotFound();
    const { actualMinutes } = changes;
    if (actualMinutes === undefined) return updated;
    await applyActualMinutes(tx, {
      userId: caller.userId,
      taskId,
      minutes: actualMinutes,
      at: now,
    });
    return { ...updated, actualMinutes };
  }

  /**
   * The PATCH rules against the row as read: 404, the If-Match check, an empty PATCH keeps the
   * version (and the ETag), a status change sets or clears completed_at. Undefined when the row
   * changed since it was read.
   */
  private async write(
    db: DbOrTx,
    caller: Caller,
    current: AccessibleTaskRow | undefined,
    changes: PatchValues,
    at: string,
    ifMatch: string | undefined,
    now: Date,
  ): Promise<TaskRow | undefined> {
    if (!current) throw taskNotFound();
    authorize(current.role, 'tasks.write');
    assertIfMatch(ifMatch, current);
    const { actualMinutes, workspaceId, ...fields } = changes;
    if (workspaceId !== undefined && workspaceId !== current.workspaceId) {
      throw validationError(
        `${at}.workspace_id`,
        'cannot change: a task never moves between workspaces',
      );
    }
    if (Object.keys(fields).length === 0 && actualMinutes === undefined) return current;

    const write: TaskWrite = { ...fields };
    if (fields.status !== undefined && fields.status !== current.status) {
      write.completedAt = fields.status === 'done' ? now : null;
    }
    const target = {
      userId: caller.userId,
      taskId: current.id,
      workspaceId: current.workspaceId,
      version: current.version,
    };
    return repo.updateTask(db, target, write, now);
  }
}
