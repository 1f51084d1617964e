import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldError } from '../shared/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const CONTEXT_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'header',
};

/** Turns ajv's output into one `{location, message}` per bad field, named the way clients send it. */
export function toFieldErrors(context: string, errors: readonly AjvError[]): FieldError[] {
  const root = CONTEXT_NAMES[context] ?? context;
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      path.push(e.params.missingProperty);
      message = 'is required';
    } else if (
      e.keyword === 'additionalProperties' &&
      typeof e.params.additionalProperty === 'string'
    ) {
      path.push(e.params.additionalProperty);
      message = 'is not allowed';
    } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      message = `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
    }
    const location = [root, ...path].join('.');
    const key = `${location}\u0000${message}`;
    // anyOf/nullable branches repeat the same complaint; one line per field is enough.
    if (seen.has(key) || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    seen.add(key);
    out.push({ location, message });
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

export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
}

const PG_UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  '57014', // query_canceled (statement timeout)
]);
const NET_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);

/** True for errors that mean "the database cannot answer now": 503, not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  // Drizzle wraps driver errors in DrizzleQueryError with the original as `cause`.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (PG_UNAVAILABLE_CODES.has(code) || NET_UNAVAILABLE_CODES.has(code))
    ) {
      return true;
    }
    const message = current.message;
    if (
      message.includes('timeout exceeded when trying to connect') ||
      message.includes('Connection terminated') ||
      message.includes('connection terminated') ||
      message.includes('Client has encountered a connection error') ||
      message.includes('Cannot use a pool after calling end')
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

/** PostgreSQL refused a character (NUL in text, invalid encoding): the input's fault, not a bug. */
function isUnstorableText(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
    current = current.cause;
  }
  return false;
}

function mapFrameworkError(error: FastifyError): { code: ErrorCode; detail: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_json', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'The request body exceeds the 1 MiB limit.' };
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

/** Renders every error as problem+json. Unknown errors are logged and answered as a bare 500. */
export default fp(
  function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        return sendProblem(
          reply,
          problemBody(request, error.code, error.message, {
            ...(error.options.errors ? { errors: error.options.errors } : {}),
            ...(error.options.extensions ? { extensions: error.options.extensions } : {}),
          }),
          error.options.headers,
        );
      }
      if (error.validation) {
        const errors = toFieldErrors(error.validationContext ?? 'body', error.validation);
        const detail = errors.map((e) => `${e.location} ${e.message}`).join('; ');
        return sendProblem(reply, problemBody(request, 'validation_failed', detail, { errors }));
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
      const mapped = mapFrameworkError(error);
      if (mapped) return sendProblem(reply, problemBody(request, mapped.code, mapped.detail));
      if (error.statusCode === 429) {
        return sendProblem(
          reply,
          problemBody(request, 'rate_limited', 'Too many requests; retry later.'),
        );
      }
      if (error.statusCode === 503 || isDatabaseUnavailable(error)) {
        request.log.warn(
          { err: { message: error.message, code: error.code } },
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
