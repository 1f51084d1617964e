import type { FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, type AppError, type ErrorCode, type FieldError } from './errors.js';
import { INSTANT_RANGE_TEXT } from './instant.js';
import type { AjvError } from './validation.js';

/**
 * RFC 9457 problem documents: the field errors of a failed validation and the document itself.
 * The errors plugin sends them; the bulk routes embed one per failed item.
 */

/** A problem lists at most this many field errors: enough for any form, bounded for any input. */
export const MAX_FIELD_ERRORS = 20;

const CONTEXT_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'header',
};

const pathOf = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The value at `path` inside `root` (undefined when there is none). */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The instance paths of fields sent as `null` where null is not allowed. Bodies are not coerced,
 * so ajv answers "must be string" there (and an enum adds its list): "must not be null" says it
 * better, and PATCH documents it as the way a non-nullable field refuses null.
 */
function nullPaths(errors: readonly AjvError[], data: unknown): Set<string> {
  const out = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'type' || e.instancePath === '' || out.has(e.instancePath)) continue;
    if (valueAt(data, pathOf(e.instancePath)) === null) out.add(e.instancePath);
  }
  return out;
}

function fieldMessage(e: AjvError, path: string[]): string {
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
    path.push(e.params.missingProperty);
    return 'is required';
  }
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    path.push(e.params.additionalProperty);
    return 'is not allowed';
  }
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
    return `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
  }
  if (e.keyword === 'format' && e.params.format === 'date-time') {
    return `must be an RFC 3339 date-time ${INSTANT_RANGE_TEXT}`;
  }
  if (e.keyword === 'format' && e.params.format === 'date') {
    return 'must be a date (YYYY-MM-DD) between 1970-01-01 and 9999-12-31';
  }
  return e.message ?? 'is invalid';
}

/**
 * Turns ajv's output into one `{location, message}` per bad field, named the way clients send it.
 * `data` is the validated value (the body), to tell a `null` from another wrong type.
 */
export function toFieldErrors(
  context: string,
  errors: readonly AjvError[],
  data?: unknown,
): FieldError[] {
  const root = CONTEXT_NAMES[context] ?? context;
  const nulls = nullPaths(errors, data);
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    // anyOf/nullable branches repeat the same complaint; one line per field is enough.
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = pathOf(e.instancePath);
    const message = nulls.has(e.instancePath) ? 'must not be null' : fieldMessage(e, path);
    const location = [root, ...path].join('.');
    const key = `${location}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, message });
    if (out.length === MAX_FIELD_ERRORS) break;
  }
  return out;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemBody(
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
): ProblemBody {
  const entry = ERROR_CATALOGUE[code];
  return {
    ...extra.extensions,
    type: 'about:blank',
    title: entry.title,
    status: entry.status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    request_id: request.id,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/** The problem document of an expected failure, as the error handler and bulk results show it. */
export function appErrorBody(request: FastifyRequest, error: AppError): ProblemBody {
  return problemBody(request, error.code, error.message, {
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...(error.options.extensions ? { extensions: error.options.extensions } : {}),
  });
}
