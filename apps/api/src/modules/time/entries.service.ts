import type { Db, Tx } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../shared/errors.js';
import { resolveInstantRange } from '../../shared/period.js';
import { syncActualMinutes } from '../ledger/ledger.service.js';
import { findUserCalendar } from '../auth/users.repository.js';
import type {
  CreateTimeEntryBody,
  TimeEntriesQuery,
  TimeEntryResponse,
  UpdateTimeEntryBody,
} from './time.schemas.js';
import * as repo from './time.repository.js';
import type { EntryAccess, TimeEntryRow } from './time.repository.js';
import {
  requireMembership,
  visibleMemberships,
  type Caller,
} from '../workspaces/access.service.js';
import { authorize, can, forbidden } from '../workspaces/workspaces.policy.js';

export const MAX_ENTRY_MS = 24 * 60 * 60 * 1000;

export function toTimeEntryResponse(row: TimeEntryRow): TimeEntryResponse {
  return {
    id: row.id,
    workspace_id: row.workspaceId,
    task_id: row.taskId,
    user_id: row.userId,
    started_at: row.startedAt.toISOString(),
    ended_at: row.endedAt?.toISOString() ?? null,
    duration_seconds: row.durationSeconds,
    source: row.source,
    note: row.note,
    created_at: row.createdAt.toISOString(),
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

const entryNotFound = () => notFound('Time entry not found.');
const taskNotFound = () => notFound('Task not found.');

/** The rules for a finished interval, manual or edited: all problems at once, as a 422. */
function checkInterval(start: Date, end: Date, now: Date): void {
  const errors: FieldError[] = [];
  if (end.getTime() <= start.getTime()) {
    errors.push({ location: 'body.ended_at', message: 'must be after started_at' });
  } else if (end.getTime() - start.getTime() > MAX_ENTRY_MS) {
    errors.push({
      location: 'body.ended_at',
      message: 'must be at most 24 hours after started_at',
    });
  }
  if (end.getTime() > now.getTime()) {
    errors.push({ location: 'body.ended_at', message: 'must not be in the future' });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

async function checkNoOverlap(
  tx: Tx,
  params: { userId: number; start: Date; end: Date | null; excludeId?: number },
): Promise<void> {
  const conflict = await repo.findOverlap(tx, params);
  if (conflict !== undefined) {
    throw new AppError('time_entry_overlap', {
      detail: `The interval overlaps your time entry ${conflict}.`,
      extensions: { conflicting_entry_id: conflict },
    });
  }
}

/**
 * The instants [from, to) of a list's or an export's `from`/`to` (each optional), by the one
 * period rule (shared/period.ts): a date is a whole local day in `tz` or the profile time zone.
 */
export function resolveRange(
  db: Db,
  userId: number,
  query: { from?: string | undefined; to?: string | undefined; tz?: string | undefined },
): Promise<{ from?: Date; to?: Date }> {
  return resolveInstantRange(query, async () => {
    const tz = (await findUserCalendar(db, userId))?.timezone;
    if (tz === undefined) throw notFound('The user does not exist.');
    return tz;
  });
}

/**
 * Time entries: manual logs, edits and deletes. Every write locks the user's row first (one
 * writer per user, so overlap checks cannot race), then the task, then recomputes the task's
 * actual_minutes through the ledger in the same transaction.
 */
export class EntriesService {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
  ) {}

  async listForTask(
    caller: Caller,
    taskId: number,
    page: { limit: number; offset: number },
  ): Promise<Page<TimeEntryResponse>> {
    const task = await repo.findTaskAccess(this.db, caller, taskId);
    if (!task) throw taskNotFound();
    // Everyone's entries on the task when the caller may see the team's time; else their own.
    const everyone = can(task.role, 'time.others.read', task);
    const { rows, total } = await repo.listEntries(
      this.db,
      {
        workspaceIds: [task.workspaceId],
        taskId,
        ...(everyone ? {} : { userId: caller.userId }),
      },
      page,
    );
    return { items: rows.map(toTimeEntryResponse), total, ...page };
  }

  /**
   * The caller's entries by default; `user_id` names another member, whose entries are listed in
   * the workspaces where the caller may see the team's time (a named workspace where they may not
   * is a 403).
   */
  async list(caller: Caller, query: TimeEntriesQuery): Promise<Page<TimeEntryResponse>> {
    const range = await resolveRange(this.db, caller.userId, query);
    const userId = query.user_id ?? caller.userId;
    const memberships =
      query.workspace_id === undefined
        ? await visibleMemberships(this.db, caller)
        : [await requireMembership(this.db, caller, query.workspace_id)];
    const readable = memberships.filter((m) => {
      if (userId === caller.userId || can(m.role, 'time.others.read', m)) return true;
      if (query.workspace_id !== undefined) throw forbidden('time.others.read', m.role);
      return false;
    });
    const page = { limit: query.limit, offset: query.offset };
    const { rows, total } = await repo.listEntries(
      this.db,
      {
        workspaceIds: readable.map((m) => m.workspaceId),
        userId,
        ...range,
        ...(query.task_id === undefined ? {} : { taskId: query.task_id }),
        ...(query.category === undefined ? {} : { category: query.category }),
      },
      page,
    );
    return { items: rows.map(toTimeEntryResponse), total, ...page };
  }

  async get(caller: Caller, entryId: number): Promise<TimeEntryResponse> {
    const entry = await repo.findEntryAccess(this.db, caller, entryId);
    if (!entry) throw entryNotFound();
    if (entry.userId !== caller.userId) authorize(entry.role, 'time.others.read', entry);
    return toTimeEntryResponse(entry);
  }

  async create(
    caller: Caller,
    taskId: number,
    body: CreateTimeEntryBody,
  ): Promise<TimeEntryResponse> {
    const start = new Date(body.started_at);
    const end = new Date(body.ended_at);
    const now = this.clock();
    checkInterval(start, end, now);
    const { userId } = caller;
    return this.db.transaction(async (tx) => {
      await repo.lockUser(tx, userId);
      const task = await repo.lockTaskAccess(tx, caller, taskId);
      if (!task) throw taskNotFound();
      authorize(task.role, 'tasks.write');
      await checkNoOverlap(tx, { userId, start, end });
      const row = await repo.insertEntry(tx, {
        workspaceId: task.workspaceId,
        taskId,
        userId,
        startedAt: start,
        endedAt: end,
        source: 'manual',
        note: body.note ?? null,
      });
      await syncActualMinutes(tx, userId, taskId, now);
      return toTimeEntryResponse(row);
    });
  }

  /**
   * The entry to change, locked for its tracker: found through the caller's membership (404
   * otherwise), checked against the policy (their own entry needs the role that tracks time;
   * another member's needs admin), then read again once the tracker's row is locked, since it
   * may have changed or gone while we waited.
   */
  private async lockEntryForWrite(tx: Tx, caller: Caller, entryId: number): Promise<TimeEntryRow> {
    const found: EntryAccess | undefined = await repo.findEntryAccess(tx, caller, entryId);
    if (!found) throw entryNotFound();
    authorize(found.role, found.userId === caller.userId ? 'tasks.write' : 'time.others.write');
    await repo.lockUser(tx, found.userId);
    const entry = await repo.findEntry(tx, entryId);
    // The task may have been deleted (and the entry with it) while we waited for the lock.
    if (!entry || !(await repo.lockTaskById(tx, entry.taskId))) throw entryNotFound();
    return entry;
  }

  /**
   * Edits an entry. Adjustments are instants: only their note can change. A running entry keeps
   * running: its start may move (not into the future, not over another entry) but it cannot be
   * given an end here (stop the timer instead), and a finished entry cannot be reopened. Moving
   * a finished entry re-applies the manual-log rules to the resulting interval.
   */
  async update(
    caller: Caller,
    entryId: number,
    body: UpdateTimeEntryBody,
  ): Promise<TimeEntryResponse> {
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const entry = await this.lockEntryForWrite(tx, caller, entryId);
      // Overlaps are judged on the tracker's own timeline, whoever edits the entry.
      const { userId } = entry;
      const changes: { startedAt?: Date; endedAt?: Date | null; note?: string | null } = {};
      if (body.note !== undefined) changes.note = body.note;
      const movesTime = body.started_at !== undefined || body.ended_at !== undefined;

      if (movesTime && entry.source === 'adjustment') {
        const field = body.started_at !== undefined ? 'started_at' : 'ended_at';
        throw new AppError('validation_failed', {
          detail: `body.${field}: an adjustment cannot be moved; only its note can change`,
          errors: [
            {
              location: `body.${field}`,
              message: 'an adjustment cannot be moved; set the task actual_minutes instead',
            },
          ],
        });
      } else if (movesTime && entry.endedAt === null) {
        if (body.ended_at !== undefined && body.ended_at !== null) {
          throw new AppError('time_entry_running', {
            detail: 'This timer is running; stop it before giving it an end.',
          });
        }
        if (body.started_at !== undefined) {
          const start = new Date(body.started_at);
          if (start.getTime() > now.getTime()) {
            throw new AppError('validation_failed', {
              detail: 'body.started_at must not be in the future',
              errors: [{ location: 'body.started_at', message: 'must not be in the future' }],
            });
          }
          // The manual-entry bound, measured to now: a start moved decades back made the stop's
          // duration overflow (issue 12, D8) and left the user unable to start another timer.
          if (now.getTime() - start.getTime() > MAX_ENTRY_MS) {
            throw new AppError('validation_failed', {
              detail: 'body.started_at must be at most 24 hours before now on a running timer',
              errors: [
                {
                  location: 'body.started_at',
                  message: 'must be at most 24 hours before now on a running timer',
                },
              ],
            });
          }
          await checkNoOverlap(tx, { userId, start, end: null, excludeId: entry.id });
          changes.startedAt = start;
        }
      } else if (movesTime && entry.endedAt !== null) {
        if (body.ended_at === null) {
          throw new AppError('validation_failed', {
            detail: 'body.ended_at: a finished entry cannot be restarted',
            errors: [
              {
                location: 'body.ended_at',
                message: 'a finished entry cannot be reopened; start a timer instead',
              },
            ],
          });
        }
        const start = body.started_at === undefined ? entry.startedAt : new Date(body.started_at);
        const end = body.ended_at === undefined ? entry.endedAt : new Date(body.ended_at);
        checkInterval(start, end, now);
        await checkNoOverlap(tx, { userId, start, end, excludeId: entry.id });
        changes.startedAt = start;
        changes.endedAt = end;
      }

      if (Object.keys(changes).length === 0) return toTimeEntryResponse(entry);
      const row = await repo.updateEntry(tx, entry.id, changes);
      await syncActualMinutes(tx, userId, entry.taskId, now);
      return toTimeEntryResponse(row);
    });
  }

  /**
   * Deletes an entry (the caller's own, or as an admin another member's); a running one is
   * discarded, an adjustment undone.
   */
  async delete(caller: Caller, entryId: number): Promise<void> {
    const now = this.clock();
    await this.db.transaction(async (tx) => {
      const entry = await this.lockEntryForWrite(tx, caller, entryId);
      await repo.deleteEntry(tx, entry.id);
      await syncActualMinutes(tx, entry.userId, entry.taskId, now);
    });
  }
}
