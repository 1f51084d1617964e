import { Readable } from 'node:stream';
import type { Db } from '../../db/types.js';
import {
  csvChunks,
  escapeFormula,
  jsonChunks,
  keysetBatches,
  type CsvCell,
} from './export-format.js';
import { visibleMemberships, type Caller } from '../workspaces/access.service.js';
import * as repo from './export.repository.js';
import type { EntryExportRow, TaskExportDbRow } from './export.repository.js';
import { resolveRange } from './entries.service.js';
import type {
  TaskExportRow,
  TasksExportQuery,
  TimeEntriesExportQuery,
  TimeEntryExportRow,
} from './time.schemas.js';

export const EXPORT_BATCH_SIZE = 1000;

export type ExportFormat = 'csv' | 'json';

export interface ExportStream {
  stream: Readable;
  contentType: string;
  filename: string;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const ENTRY_COLUMNS = [
  'id',
  'task_id',
  'task_title',
  'task_category',
  'started_at',
  'ended_at',
  'duration_seconds',
  'source',
  'note',
  'created_at',
] as const satisfies readonly (keyof TimeEntryExportRow)[];

function entryObject(r: EntryExportRow): TimeEntryExportRow {
  return {
    id: r.id,
    task_id: r.taskId,
    task_title: r.taskTitle,
    task_category: r.taskCategory,
    started_at: r.startedAt.toISOString(),
    ended_at: iso(r.endedAt),
    duration_seconds: r.durationSeconds,
    source: r.source,
    note: r.note,
    created_at: r.createdAt.toISOString(),
  };
}

function entryCells(r: EntryExportRow): CsvCell[] {
  const o = entryObject(r);
  return [
    o.id,
    o.task_id,
    escapeFormula(o.task_title),
    escapeFormula(o.task_category),
    o.started_at,
    o.ended_at,
    o.duration_seconds,
    o.source,
    escapeFormula(o.note),
    o.created_at,
  ];
}

const TASK_COLUMNS = [
  'id',
  'title',
  'description',
  'category',
  'status',
  'priority',
  'tags',
  'estimated_minutes',
  'actual_minutes',
  'due_at',
  'completed_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TaskExportRow)[];

function taskObject(r: TaskExportDbRow): TaskExportRow {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    status: r.status,
    priority: r.priority,
    tags: r.tags,
    estimated_minutes: r.estimatedMinutes,
    actual_minutes: r.actualMinutes,
    due_at: iso(r.dueAt),
    completed_at: iso(r.completedAt),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function taskCells(r: TaskExportDbRow): CsvCell[] {
  const o = taskObject(r);
  return [
    o.id,
    escapeFormula(o.title),
    escapeFormula(o.description),
    escapeFormula(o.category),
    o.status,
    o.priority,
    escapeFormula(o.tags.join(';')),
    o.estimated_minutes,
    o.actual_minutes,
    o.due_at,
    o.completed_at,
    o.created_at,
    o.updated_at,
  ];
}

function toStream<T>(
  format: ExportFormat,
  name: string,
  batches: AsyncIterable<T[]>,
  columns: readonly string[],
  cells: (row: T) => CsvCell[],
  object: (row: T) => unknown,
): ExportStream {
  // Readable.from pulls the generator only as fast as the client reads: the next batch is not
  // queried while the socket is backed up.
  if (format === 'csv') {
    return {
      stream: Readable.from(csvChunks(batches, columns, cells)),
      contentType: 'text/csv; charset=utf-8; header=present',
      filename: `${name}.csv`,
    };
  }
  return {
    stream: Readable.from(jsonChunks(batches, object)),
    contentType: 'application/json; charset=utf-8',
    filename: `${name}.json`,
  };
}

/**
 * Exports stream keyset batches, each its own short query. The result is not one snapshot: a
 * row written during a long export may or may not appear, but none appears twice.
 */
export class ExportService {
  constructor(readonly db: Db) {}

  private async workspaceIds(caller: Caller): Promise<number[]> {
    return (await visibleMemberships(this.db, caller)).map((m) => m.workspaceId);
  }

  /** The caller's own entries, in the workspaces they (or their token) can see. */
  async timeEntries(caller: Caller, query: TimeEntriesExportQuery): Promise<ExportStream> {
    const { userId } = caller;
    const range = await resolveRange(this.db, userId, query);
    const workspaceIds = await this.workspaceIds(caller);
    const fetch = (after: repo.EntryCursor | null) =>
      repo.entryExportBatch(this.db, {
        userId,
        workspaceIds,
        ...range,
        after,
        limit: EXPORT_BATCH_SIZE,
      });
    const first = await fetch(null);
    const batches = keysetBatches(first, EXPORT_BATCH_SIZE, (last) =>
      fetch({ startedAt: last.cursor, id: last.id }),
    );
    return toStream(query.format, 'time-entries', batches, ENTRY_COLUMNS, entryCells, entryObject);
  }

  /** Every task of the caller's workspaces, or those created in the period [from, to). */
  async tasks(caller: Caller, query: TasksExportQuery): Promise<ExportStream> {
    const created = await resolveRange(this.db, caller.userId, query);
    const workspaceIds = await this.workspaceIds(caller);
    const fetch = (afterId: number) =>
      repo.taskExportBatch(this.db, {
        workspaceIds,
        ...created,
        afterId,
        limit: EXPORT_BATCH_SIZE,
      });
    const first = await fetch(0);
    const batches = keysetBatches(first, EXPORT_BATCH_SIZE, (last) => fetch(last.id));
    return toStream(query.format, 'tasks', batches, TASK_COLUMNS, taskCells, taskObject);
  }
}
