import { formSessions } from '@devtrackr/sessions';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { addDays, localDate, startOfLocalDay } from '../../shared/period.js';
import { findRunningTimer } from '../time/time.repository.js';
import type { Caller } from '../workspaces/access.repository.js';
import * as repo from './activity.repository.js';
import type { HeartbeatRow, NewHeartbeat } from './activity.repository.js';
import {
  entityHash,
  parseHeartbeat,
  parseUserAgent,
  reduceEntity,
  type HeartbeatInput,
} from './heartbeat.input.js';

/** WakaTime's duration rule: heartbeats less than 15 minutes apart join one span. */
export const SPAN_GAP_MS = 15 * 60_000;

/** Request context wakatime-cli sends in headers. */
export interface IngestContext {
  userAgent: string | null;
  machine: string | null;
}

/** One answer pair as wakatime-cli parses it: the stored heartbeat and 201, or an error and 400. */
export type HeartbeatAnswer = [{ data: WakaHeartbeat }, 201] | [{ error: string }, 400];

/** A stored heartbeat in WakaTime's response shape (api_heartbeats_response.json). */
export interface WakaHeartbeat {
  id: string;
  user_id: string;
  entity: string | null;
  type: string | null;
  category: string | null;
  time: number;
  project: string | null;
  branch: string | null;
  language: string | null;
  is_write: boolean;
  lines: number | null;
  lineno: number | null;
  cursorpos: number | null;
  user_agent: string | null;
  editor: string | null;
  plugin: string | null;
  machine_name: string | null;
  machine_name_id: null;
  user_agent_id: null;
  created_at: string;
}

const toWaka = (row: HeartbeatRow): WakaHeartbeat => ({
  id: String(row.id),
  user_id: String(row.userId),
  entity: row.entity,
  type: row.type,
  category: row.category,
  time: row.time.getTime() / 1000,
  project: row.project,
  branch: row.branch,
  language: row.language,
  is_write: row.isWrite,
  lines: row.lines,
  lineno: row.lineno,
  cursorpos: row.cursorpos,
  user_agent: row.userAgent,
  editor: row.editor,
  plugin: row.plugin,
  machine_name: row.machine,
  machine_name_id: null,
  user_agent_id: null,
  created_at: row.createdAt.toISOString(),
});

const keyOf = (r: { time: Date; entityHash: string; isWrite: boolean }) =>
  `${String(r.time.getTime())}\u0000${r.entityHash}\u0000${String(r.isWrite)}`;

export interface StatusbarToday {
  data: {
    grand_total: {
      text: string;
      total_seconds: number;
      digital: string;
      hours: number;
      minutes: number;
    };
    range: { date: string; start: string; end: string; timezone: string; text: string };
    categories: never[];
    running_timer: { task_id: number; title: string; started_at: string } | null;
  };
}

/** "2 hrs 30 mins", "1 hr 1 min", "20 secs": WakaTime's human text of a duration. */
export function durationText(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const plural = (n: number, unit: string) => `${String(n)} ${unit}${n === 1 ? '' : 's'}`;
  if (hours === 0 && minutes === 0) return plural(seconds, 'sec');
  return [hours > 0 ? plural(hours, 'hr') : '', minutes > 0 ? plural(minutes, 'min') : '']
    .filter((part) => part !== '')
    .join(' ');
}

/** Editor heartbeats (WakaTime-compatible, issue 17): ingest and today's total. */
export class ActivityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private async owner(userId: number): Promise<repo.ActivityOwner> {
    const owner = await repo.findActivityOwner(this.db, userId);
    // Every account has a personal workspace from registration on; a deleted account's token
    // is refused before this, so this is a race with deletion at most.
    if (!owner) throw new AppError('invalid_token', { detail: 'The account no longer exists.' });
    return owner;
  }

  /** Stores the valid items (duplicates once) and answers one pair per item, in order. */
  async ingest(userId: number, items: readonly unknown[], context: IngestContext) {
    const owner = await this.owner(userId);
    const nowMs = this.clock().getTime();
    const parsed = items.map((item) => parseHeartbeat(item, nowMs));
    const rows = new Map<number, NewHeartbeat>();
    parsed.forEach((outcome, index) => {
      if (outcome.ok) rows.set(index, this.toRow(userId, owner, outcome.value, context));
    });
    const inserted = await repo.insertHeartbeats(this.db, [...rows.values()]);
    const stored = new Map(inserted.map((row) => [keyOf(row), row]));
    const missing = [...rows.values()].filter((row) => !stored.has(keyOf(row)));
    if (missing.length > 0) {
      const scope = { workspaceId: owner.workspaceId, userId };
      const found = await repo.findHeartbeatsAt(
        this.db,
        scope,
        missing.map((r) => r.time),
      );
      for (const row of found) if (!stored.has(keyOf(row))) stored.set(keyOf(row), row);
    }
    return parsed.map((outcome, index): HeartbeatAnswer => {
      if (!outcome.ok) return [{ error: `heartbeat ${String(index)}: ${outcome.error}` }, 400];
      const row = stored.get(keyOf(rows.get(index) as NewHeartbeat));
      // A duplicate deleted between the insert and the read (the purge) is still accepted.
      if (!row) return [{ error: `heartbeat ${String(index)}: not stored, retry` }, 400];
      return [{ data: toWaka(row) }, 201];
    });
  }

  private toRow(
    userId: number,
    owner: repo.ActivityOwner,
    input: HeartbeatInput,
    context: IngestContext,
  ): NewHeartbeat {
    const userAgent = input.userAgent ?? context.userAgent;
    const { editor, plugin } = parseUserAgent(userAgent);
    return {
      userId,
      workspaceId: owner.workspaceId,
      time: new Date(input.timeMs),
      entity: reduceEntity(input.entity, owner.activityEntities),
      entityHash: entityHash(input.entity),
      type: input.type,
      category: input.category,
      project: input.project,
      branch: input.branch,
      language: input.language,
      isWrite: input.isWrite,
      lines: input.lines,
      lineno: input.lineno,
      cursorpos: input.cursorpos,
      editor,
      plugin,
      machine: context.machine,
      userAgent,
    };
  }

  /** Today's total in the user's zone (spans of heartbeats), and the running timer's task. */
  async statusbarToday(caller: Caller): Promise<StatusbarToday> {
    const owner = await this.owner(caller.userId);
    const now = this.clock();
    const date = localDate(now, owner.timezone);
    const start = startOfLocalDay(date, owner.timezone);
    const end = startOfLocalDay(addDays(date, 1), owner.timezone);
    const times = await repo.listHeartbeatTimes(
      this.db,
      { workspaceId: owner.workspaceId, userId: caller.userId },
      start,
      end,
    );
    const spans = formSessions(times, (t) => t, { gapMs: SPAN_GAP_MS, leadMs: 0 });
    const totalSeconds = spans.reduce((sum, s) => sum + (s.end - s.start), 0) / 1000;
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const running = await findRunningTimer(this.db, caller);
    return {
      data: {
        grand_total: {
          text: durationText(totalSeconds),
          total_seconds: totalSeconds,
          digital: `${String(hours)}:${String(minutes).padStart(2, '0')}`,
          hours,
          minutes,
        },
        range: {
          date,
          start: start.toISOString(),
          end: end.toISOString(),
          timezone: owner.timezone,
          text: 'Today',
        },
        categories: [],
        running_timer: running
          ? {
              task_id: running.task.id,
              title: running.task.title,
              started_at: running.entry.startedAt.toISOString(),
            }
          : null,
      },
    };
  }
}
