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
import type { TimeEntryRow } from './time.repository.js';

export const MAX_ENTRY_MS = 24 * 60 * 60 * 1000;

export function toTimeEntryResponse(row: TimeEntryRow): TimeEntryResponse {
  return {
    id: row.id,
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
    userId: number,
    taskId: number,
    page: { limit: number; offset: number },
  ): Promise<Page<TimeEntryResponse>> {
    if (!(await repo.ownsTask(this.db, userId, taskId))) throw taskNotFound();
    const { rows, total } = await repo.listEntries(this.db, { userId, taskId }, page);
    return { items: rows.map(toTimeEntryResponse), total, ...page };
  }

  async list(userId: number, query: TimeEntriesQuery): Promise<Page<TimeEntryResponse>> {
    const range = await resolveRange(this.db, userId, query);
    const page = { limit: query.limit, offset: query.offset };
    const { rows, total } = await repo.listEntries(
      this.db,
      {
        userId,
        ...range,
        ...(query.task_id === undefined ? {} : { taskId: query.task_id }),
        ...(query.category === undefined ? {} : { category: query.category }),
      },
      page,
    );
    return { items: rows.map(toTimeEntryResponse), total, ...page };
  }

  async get(userId: number, entryId: number): Promise<TimeEntryResponse> {
    const row = await repo.findEntryForUser(this.db, userId, entryId);
    if (!row) throw entryNotFound();
    return toTimeEntryResponse(row);
  }

  async create(
    userId: number,
    taskId: number,
    body: CreateTimeEntryBody,
  ): Promise<TimeEntryResponse> {
    const start = new Date(body.started_at);
    const end = new Date(body.ended_at);
    const now = this.clock();
    checkInterval(start, end, now);
    return this.db.transaction(async (tx) => {
      await repo.lockUser(tx, userId);
      if (!(await repo.lockOwnedTask(tx, userId, taskId))) throw taskNotFound();
      await checkNoOverlap(tx, { userId, start, end });
      const row = await repo.insertEntry(tx, {
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
   * Edits an entry. Adjustments are instants: only their note can change. A running entry keeps
   * running: its start may move (not into the future, not over another entry) but it cannot be
   * given an end here (stop the timer instead), and a finished entry cannot be reopened. Moving
   * a finished entry re-applies the manual-log rules to the resulting interval.
   */
  async update(
    userId: number,
    entryId: number,
    body: UpdateTimeEntryBody,
  ): Promise<TimeEntryResponse> {
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      await repo.lockUser(tx, userId);
      const entry = await repo.findEntryForUser(tx, userId, entryId);
      if (!entry) throw entryNotFound();
      // The task may have been deleted (and the entry with it) while we waited for the lock.
      if (!(await repo.lockOwnedTask(tx, userId, entry.taskId))) throw entryNotFound();
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

  /** Deletes any of the user's entries; a running one is discarded, an adjustment undone. */
  async delete(userId: number, entryId: number): Promise<void> {
    const now = this.clock();
    await this.db.transaction(async (tx) => {
      await repo.lockUser(tx, userId);
      const entry = await repo.findEntryForUser(tx, userId, entryId);
      if (!entry) throw entryNotFound();
      // The task may have been deleted (and the entry with it) while we waited for the lock.
      if (!(await repo.lockOwnedTask(tx, userId, entry.taskId))) throw entryNotFound();
      await repo.deleteEntry(tx, entry.id);
      await syncActualMinutes(tx, userId, entry.taskId, now);
    });
  }
}
