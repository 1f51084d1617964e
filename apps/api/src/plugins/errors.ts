import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable, isUnstorableText } from '../db/errors.js';
import { AppError, ERROR_CATALOGUE, validationFailed, type ErrorCode } from '../shared/errors.js';
import { redactedMessage } from '../shared/log-redaction.js';
import { appErrorBody, problemBody, toFieldErrors, type ProblemBody } from '../shared/problems.js';

// The plugin's tests import it from here; the knowledge itself lives with the drivers.
export { isDatabaseUnavailable };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

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
      // The route's own body limit: the server's, or a smaller one (the credential routes).
      const mapped = mapFrameworkError(error, request.routeOptions.bodyLimit);
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
