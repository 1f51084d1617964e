import type { components } from './generated/schema.js';

/** An RFC 9457 problem document, as the API's OpenAPI document describes it. */
export type Problem = components['schemas']['Problem'];
/** The API's stable machine codes (the enum of Problem.code in the spec). */
export type ProblemCode = Problem['code'];
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * Codes the SDK gives to failures that carry no problem document:
 * - `network_error`: no response (DNS, refused connection, reset, unreadable body); `status` 0;
 * - `timeout`: the call's `timeoutMs` elapsed; `status` 0;
 * - `aborted`: the caller's `signal` aborted the call; `status` 0;
 * - `http_error`: an error status whose body is not a problem document (a proxy's 502 page).
 */
export type ClientErrorCode = 'network_error' | 'timeout' | 'aborted' | 'http_error';
export type ErrorCode = ProblemCode | ClientErrorCode;

interface ErrorInit {
  status: number;
  code: ErrorCode;
  title: string;
  detail: string;
  errors?: FieldError[] | undefined;
  requestId?: string | undefined;
  retryAfter?: number | undefined;
  problem?: Problem | undefined;
  cause?: unknown;
}

/**
 * The one error type the SDK throws: every API error answer and every failure to get one. One
 * class (not one per status) so a caller needs a single `instanceof` and then switches on `code`,
 * which is the API's contract; `status` 0 means no HTTP answer at all.
 */
export class DevTrackrError extends Error {
  override readonly name = 'DevTrackrError';
  /** The HTTP status, or 0 when no answer came (network error, timeout, abort). */
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  /** One entry per bad field on a 422 (`location` like `body.title`); empty otherwise. */
  readonly errors: FieldError[];
  /** The server's request id (body `request_id` or `X-Request-Id`), for its logs. */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying, from `Retry-After` (429, 503). */
  readonly retryAfter: number | undefined;
  /** The problem document as received, extension members included. */
  readonly problem: Problem | undefined;

  constructor(init: ErrorInit) {
    super(`${init.title}: ${init.detail}`, init.cause === undefined ? {} : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.problem = init.problem;
  }

  /** The error for a non-2xx answer; `body` is what openapi-fetch parsed from it (JSON or text). */
  static fromResponse(response: Response, body: unknown): DevTrackrError {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const headerRequestId = response.headers.get('x-request-id') ?? undefined;
    if (isProblem(body)) {
      return new DevTrackrError({
        status: response.status,
        code: body.code,
        title: body.title,
        detail: body.detail,
        errors: body.errors,
        requestId: body.request_id ?? headerRequestId,
        retryAfter,
        problem: body,
      });
    }
    const title = response.statusText || `HTTP ${response.status}`;
    return new DevTrackrError({
      status: response.status,
      code: 'http_error',
      title,
      detail: `The server answered ${response.status} without a problem document`,
      requestId: headerRequestId,
      retryAfter,
    });
  }
}

/**
 * Checked by shape rather than by content type: the server sends application/problem+json, but
 * a body that is a problem document is one whatever a proxy did to the header.
 */
function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.code === 'string' &&
    typeof b.status === 'number' &&
    typeof b.title === 'string' &&
    typeof b.detail === 'string'
  );
}

/** `Retry-After` is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); seconds either way. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
