import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable, isUnstorableText } from '../db/errors.js';
import {
  AppError,
  ERROR_CATALOGUE,
  validationFailed,
  type ErrorCode,
  type FieldError,
} from '../shared/errors.js';
import { INSTANT_RANGE_TEXT } from '../shared/instant.js';
import { redactedMessage } from '../shared/log-redaction.js';
import type { AjvError } from '../shared/validation.js';

/** A problem lists at most this many field errors: enough for any form, bounded for any input. */
export const MAX_FIELD_ERRORS = 20;

// The plugin's tests import it from here; the knowledge itself lives with the drivers.
export { isDatabaseUnavailable };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

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

export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** A byte count the way the limits are set: `1 MiB`, `16 KiB`. */
export function byteSize(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes} bytes`;
}

function mapFrameworkError(
  error: FastifyError,
  bodyLimitBytes: number,
): { code: ErrorCode; detail: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_json', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'payload_too_large',
        detail: `The request body exceeds the ${byteSize(bodyLimitBytes)} limit.`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'unsupported_media_type',
        detail: 'This content type is not supported; send application/json.',
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'bad_request', detail: 'Content-Length does not match the body.' };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return { code: 'bad_request', detail: 'The request could not be parsed.' };
  }
  if (error.statusCode === 413) return { code: 'payload_too_large', detail: error.message };
  if (error.statusCode === 415) {
    return { code: 'unsupported_media_type', detail: 'This content type is not supported.' };
  }
  if (error.statusCode === 404) return { code: 'not_found', detail: error.message };
  if (
    error.statusCode !== undefined &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 429
  ) {
    return { code: 'bad_request', detail: 'The request could not be processed.' };
  }
  return undefined;
}

const CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'header_too_large',
    detail: `The request headers exceed the server limit (${byteSize(maxHeaderSize)}).`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', detail: 'The request took too long.' },
};

/**
 * Errors Node's HTTP parser raises before a request exists (oversized headers, a timeout, bytes
 * that are not HTTP) reach Fastify's clientErrorHandler, whose default answers plain JSON. The
 * same problem+json as everywhere else, written to the socket directly (there is no reply).
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = CLIENT_ERRORS[err.code ?? ''] ?? {
    code: 'bad_request' as const,
    detail: 'The request could not be parsed as HTTP.',
  };
  const { status, title } = ERROR_CATALOGUE[code];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${String(status)} ${title}\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** The request part that failed validation; only a body can hold a JSON null. */
const partOf = (request: FastifyRequest, error: FastifyError): unknown =>
  (error.validationContext ?? 'body') === 'body' ? request.body : undefined;

/** Renders every error as problem+json. Unknown errors are logged and answered as a bare 500. */
export default fp(
  function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const expected = error.validation
        ? validationFailed(
            toFieldErrors(
              error.validationContext ?? 'body',
              error.validation,
              partOf(request, error),
            ),
          )
        : error;
      if (expected instanceof AppError) {
        return sendProblem(reply, appErrorBody(request, expected), expected.options.headers);
      }
      if (isUnstorableText(error)) {
        return sendProblem(
          reply,
          problemBody(
            request,
            'validation_failed',
            'A text value contains a character that cannot be stored (such as NUL).',
          ),
        );
      }
      const mapped = mapFrameworkError(error, app.config.http.bodyLimitBytes);
      if (mapped) return sendProblem(reply, problemBody(request, mapped.code, mapped.detail));
      if (error.statusCode === 429) {
        return sendProblem(
          reply,
          problemBody(request, 'rate_limited', 'Too many requests; retry later.'),
        );
      }
      if (error.statusCode === 503 || isDatabaseUnavailable(error)) {
        request.log.warn(
          { err: { message: redactedMessage(error.message), code: error.code } },
          'service unavailable',
        );
        return sendProblem(
          reply,
          problemBody(
            request,
            'database_unavailable',
            'The database is unavailable; retry shortly.',
          ),
          { 'retry-after': '1' },
        );
      }
      // A bug: log everything with the request id, answer nothing that reveals internals.
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        reply,
        problemBody(request, 'internal_error', 'An unexpected error occurred.'),
      );
    });

    app.setNotFoundHandler((request, reply) => {
      return sendProblem(
        reply,
        problemBody(
          request,
          'route_not_found',
          `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`,
        ),
      );
    });
  },
  { name: 'errors' },
);
