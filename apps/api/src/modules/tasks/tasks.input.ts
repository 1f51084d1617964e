import {
  AppError,
  validationError,
  validationFailed,
  type FieldError,
} from '../../shared/errors.js';
import { INSTANT_MAX, INSTANT_MIN, INSTANT_RANGE_TEXT } from '../../shared/instant.js';
import {
  type CreateTaskBody,
  type PatchTaskBody,
  type TaskPriority,
  type TaskStatus,
} from './tasks.schemas.js';

/**
 * The checks the wire schema cannot express: trimming, blank values, NUL characters (PostgreSQL
 * text cannot hold them), tag normalisation and timestamps that ajv's format accepts but a Date
 * cannot represent (leap seconds). Runs after schema validation.
 */

export interface CreateValues {
  title: string;
  description: string | null;
  category: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  tags: string[];
  estimatedMinutes: number | null;
  dueAt: Date | null;
  projectId: number | null;
  assigneeId: number | null;
  actualMinutes: number | undefined;
  /** Where the task goes; undefined: the default workspace (access.service). */
  workspaceId: number | undefined;
}

export type PatchValues = Partial<Omit<CreateValues, 'actualMinutes' | 'workspaceId'>> & {
  actualMinutes?: number;
  /** Only accepted when it names the task's own workspace: a task never moves. */
  workspaceId?: number;
};

class Problems {
  readonly errors: FieldError[] = [];
  add(location: string, message: string): void {
    this.errors.push({ location, message });
  }
  throwIfAny(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}

const hasNul = (s: string): boolean => s.includes('\u0000');

/** Throws a 422 for a query text PostgreSQL could not take. */
export function checkText(value: string, location: string): void {
  const p = new Problems();
  if (hasNul(value)) p.add(location, 'must not contain NUL characters');
  p.throwIfAny();
}

export function parseTimestamp(raw: string, location: string): Date {
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) {
    throw validationError(location, 'must be a valid RFC 3339 timestamp');
  }
  if (date < INSTANT_MIN || date > INSTANT_MAX) {
    throw validationError(location, `must be ${INSTANT_RANGE_TEXT}`);
  }
  return date;
}

function trimmed(p: Problems, value: string, location: string): string {
  const out = value.trim();
  if (out.length === 0) p.add(location, 'must not be blank');
  else if (hasNul(out)) p.add(location, 'must not contain NUL characters');
  return out;
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.toLowerCase()))];
}

function dueAt(p: Problems, raw: string | null, location: string): Date | null {
  if (raw === null) return null;
  try {
    return parseTimestamp(raw, location);
  } catch (err) {
    if (err instanceof AppError && err.options.errors) p.errors.push(...err.options.errors);
    return null;
  }
}

function description(p: Problems, value: string | null, location: string): string | null {
  if (value !== null && hasNul(value)) p.add(location, 'must not contain NUL characters');
  return value;
}

/** `at` is where the body sits in the request: `body` or `body.3` for a bulk item. */
export function normaliseCreate(body: CreateTaskBody, at: string): CreateValues {
  const p = new Problems();
  const values: CreateValues = {
    title: trimmed(p, body.title, `${at}.title`),
    description: description(p, body.description ?? null, `${at}.description`),
    category:
      body.category === undefined || body.category === null
        ? null
        : trimmed(p, body.category, `${at}.category`),
    status: body.status ?? 'todo',
    priority: body.priority ?? 'medium',
    tags: normaliseTags(body.tags ?? []),
    estimatedMinutes: body.estimated_minutes ?? null,
    dueAt: dueAt(p, body.due_at ?? null, `${at}.due_at`),
    projectId: body.project_id ?? null,
    assigneeId: body.assignee_id ?? null,
    actualMinutes: body.actual_minutes,
    workspaceId: body.workspace_id,
  };
  p.throwIfAny();
  return values;
}

export function normalisePatch(body: PatchTaskBody, at: string): PatchValues {
  const p = new Problems();
  const out: PatchValues = {};
  if (body.title !== undefined) out.title = trimmed(p, body.title, `${at}.title`);
  if (body.description !== undefined) {
    out.description = description(p, body.description, `${at}.description`);
  }
  if (body.category !== undefined) {
    out.category = body.category === null ? null : trimmed(p, body.category, `${at}.category`);
  }
  if (body.status !== undefined) out.status = body.status;
  if (body.priority !== undefined) out.priority = body.priority;
  if (body.tags !== undefined) out.tags = normaliseTags(body.tags);
  if (body.estimated_minutes !== undefined) out.estimatedMinutes = body.estimated_minutes;
  if (body.due_at !== undefined) out.dueAt = dueAt(p, body.due_at, `${at}.due_at`);
  if (body.actual_minutes !== undefined) out.actualMinutes = body.actual_minutes;
  if (body.project_id !== undefined) out.projectId = body.project_id;
  if (body.assignee_id !== undefined) out.assigneeId = body.assignee_id;
  if (body.workspace_id !== undefined) out.workspaceId = body.workspace_id;
  p.throwIfAny();
  return out;
}
