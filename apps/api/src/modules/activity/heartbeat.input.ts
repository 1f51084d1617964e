import { createHash } from 'node:crypto';

/**
 * One heartbeat item as wakatime-cli (or wakapi's clients) sends it, checked in code rather than
 * by the route schema: one bad item in a bulk must be refused alone, with its index and reason,
 * while the others are stored (issue 17). Unknown fields are ignored, for compatibility.
 */

export type ActivityEntities = 'full' | 'basename' | 'none';

/** wakapi's window (models/heartbeat.go `Timely`): at most 7 days old, at most 1 h ahead. */
export const MAX_AGE_MS = 7 * 86_400_000;
export const MAX_AHEAD_MS = 3_600_000;

/** Longest accepted text field; an entity is a path or a URL, the rest are short names. */
const MAX_ENTITY = 4096;
const MAX_TEXT = 1024;
const INT4_MAX = 2_147_483_647;

export interface HeartbeatInput {
  entity: string;
  /** Epoch ms. */
  timeMs: number;
  type: string | null;
  category: string | null;
  project: string | null;
  branch: string | null;
  language: string | null;
  isWrite: boolean;
  lines: number | null;
  lineno: number | null;
  cursorpos: number | null;
  userAgent: string | null;
}

export type ItemOutcome = { ok: true; value: HeartbeatInput } | { ok: false; error: string };

const refuse = (error: string): ItemOutcome => ({ ok: false, error });

function text(item: Record<string, unknown>, key: string, max: number): string | null | Error {
  const value = item[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return new Error(`${key} must be a string or null`);
  if (value.length > max) return new Error(`${key} is longer than ${String(max)} characters`);
  // PostgreSQL text cannot hold NUL.
  if (value.includes('\u0000')) return new Error(`${key} must not contain NUL characters`);
  return value;
}

function count(item: Record<string, unknown>, key: string): number | null | Error {
  const value = item[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > INT4_MAX) {
    return new Error(`${key} must be an integer from 0 to ${String(INT4_MAX)} or null`);
  }
  return value;
}

/** Checks one item against the clock; the reason names the field, as a 400's message. */
export function parseHeartbeat(raw: unknown, nowMs: number): ItemOutcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return refuse('a heartbeat must be a JSON object');
  }
  const item = raw as Record<string, unknown>;
  const entity = text(item, 'entity', MAX_ENTITY);
  if (entity instanceof Error) return refuse(entity.message);
  if (entity === null || entity === '') return refuse('entity is required');
  const time = item.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    return refuse('time is required: seconds since the epoch, as a number');
  }
  const timeMs = Math.round(time * 1000);
  if (timeMs < nowMs - MAX_AGE_MS) return refuse('time is more than 7 days ago');
  if (timeMs > nowMs + MAX_AHEAD_MS) return refuse('time is more than 1 hour in the future');
  const isWrite = item.is_write;
  if (isWrite !== undefined && isWrite !== null && typeof isWrite !== 'boolean') {
    return refuse('is_write must be a boolean or null');
  }
  const fields = {
    type: text(item, 'type', MAX_TEXT),
    category: text(item, 'category', MAX_TEXT),
    project: text(item, 'project', MAX_TEXT),
    branch: text(item, 'branch', MAX_TEXT),
    language: text(item, 'language', MAX_TEXT),
    userAgent: text(item, 'user_agent', MAX_TEXT),
    lines: count(item, 'lines'),
    lineno: count(item, 'lineno'),
    cursorpos: count(item, 'cursorpos'),
  };
  for (const value of Object.values(fields))
    if (value instanceof Error) return refuse(value.message);
  const f = fields as { [K in keyof typeof fields]: Exclude<(typeof fields)[K], Error> };
  return {
    ok: true,
    value: { entity, timeMs, isWrite: isWrite === true, ...f },
  };
}

/** SHA-256 (hex) of the entity as sent: the duplicate key, whatever the privacy setting keeps. */
export const entityHash = (entity: string): string =>
  createHash('sha256').update(entity).digest('hex');

/** The entity as the user's privacy setting lets it be stored. */
export function reduceEntity(entity: string, setting: ActivityEntities): string | null {
  if (setting === 'none') return null;
  if (setting === 'full') return entity;
  // Both separators: a Windows editor sends C:\src\app\main.go.
  const name = entity
    .split(/[/\\]/)
    .filter((part) => part !== '')
    .at(-1);
  return name ?? entity;
}

/**
 * The editor and plugin from wakatime-cli's User-Agent, `wakatime/<ver> (<os>-<core>-<platform>)
 * <go ver> <editor>/<ver> <plugin>/<ver>`: the two product tokens after the Go version.
 */
export function parseUserAgent(userAgent: string | null): {
  editor: string | null;
  plugin: string | null;
} {
  const match =
    userAgent === null ? null : /\)\s+go\S*\s+([^/\s]+)\/\S*(?:\s+([^/\s]+)\/\S*)?/.exec(userAgent);
  return { editor: match?.[1] ?? null, plugin: match?.[2] ?? null };
}
