/**
 * The catalogue of every error the API can answer with. Each entry has a stable machine `code`
 * (part of the public contract: clients switch on it), an HTTP status and a human title.
 * Rendered as RFC 9457 problem+json by the errors plugin.
 */
export const ERROR_CATALOGUE = {
  bad_request: { status: 400, title: 'Bad request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_token: { status: 401, title: 'Invalid or expired token' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  inactive_user: { status: 403, title: 'User is inactive' },
  insufficient_scope: { status: 403, title: 'Token lacks a required scope' },
  csrf_header_required: { status: 403, title: 'X-DevTrackr-CSRF header required' },
  forbidden: { status: 403, title: 'Your role in this workspace does not allow this' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'Route not found' },
  conflict: { status: 409, title: 'Conflict' },
  email_taken: { status: 409, title: 'Email already registered' },
  timer_already_running: { status: 409, title: 'Timer already running on this task' },
  timer_not_running: { status: 409, title: 'No timer running on this task' },
  time_entry_overlap: { status: 409, title: 'Time entry overlaps another entry' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  request_timeout: { status: 408, title: 'Request timeout' },
  header_too_large: { status: 431, title: 'Request header fields too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused with another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  database_unavailable: { status: 503, title: 'Database unavailable' },
  server_busy: { status: 503, title: 'Server busy' },
  web_app_not_built: { status: 503, title: 'Web app not built' },
  time_entry_running: { status: 409, title: 'Time entry is running' },
  incorrect_password: { status: 403, title: 'Incorrect password' },
  token_limit_reached: { status: 409, title: 'Too many personal access tokens' },
  not_a_personal_token: { status: 409, title: 'Not a personal access token' },
  invalid_cursor: { status: 422, title: 'Invalid cursor' },
  last_owner: { status: 409, title: 'A workspace must keep an owner' },
  sole_owner: { status: 409, title: 'Sole owner of a team workspace' },
  personal_workspace: { status: 409, title: 'Not possible on a personal workspace' },
  already_member: { status: 409, title: 'Already a member of this workspace' },
  project_name_taken: { status: 409, title: 'A project with this name exists' },
  invitation_used: { status: 409, title: 'Invitation already used' },
  invitation_expired: { status: 410, title: 'Invitation expired' },
  invitation_email_mismatch: { status: 403, title: 'Invitation is for another email address' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldError {
  /** Where the problem is: `body.title`, `query.limit`, `params.id`, `header.if-match`. */
  location: string;
  message: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members added to the problem document (RFC 9457 extension members). */
  extensions?: Record<string, unknown>;
}

/** An expected failure. Services throw it; the errors plugin renders it. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly options: AppErrorOptions = {},
  ) {
    const entry = ERROR_CATALOGUE[code];
    super(options.detail ?? entry.title);
    this.name = 'AppError';
    this.status = entry.status;
    this.title = entry.title;
  }
}

export const notFound = (detail = 'The resource does not exist.'): AppError =>
  new AppError('not_found', { detail });

/**
 * The one 422 for field errors: `errors` lists them, and `detail` says them in one line,
 * `location message; location message`.
 */
export const validationFailed = (errors: FieldError[]): AppError =>
  new AppError('validation_failed', {
    detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
    errors,
  });

export const validationError = (location: string, message: string): AppError =>
  validationFailed([{ location, message }]);

/**
 * `err` and the errors it wraps, outermost first (Drizzle wraps a driver's error as its `cause`).
 * Bounded, because a cause chain can be a cycle.
 */
export function* causes(err: unknown, depth = 4): Generator<Error> {
  let current = err;
  for (let i = 0; i < depth && current instanceof Error; i++) {
    yield current;
    current = current.cause;
  }
}
