// Only a type import from the SDK: errors.ts is loaded on every run, the SDK only when a
// command calls the API, so the SDK's error is recognised by shape (see isApiError).
import type { DevTrackrError } from '@devtrackr/client';
import type { Output } from './output.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_NOT_SIGNED_IN = 3;

/** A failure the CLI explains itself: the message is printed as is, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
    /** Printed to stderr as the error's JSON under `--json` (default `{ message, code }`). */
    readonly code = 'cli_error',
  ) {
    super(message);
  }
}

/** Bad arguments, or a search term that matches several things: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, code = 'usage') {
    super(message, EXIT_USAGE, code);
  }
}

/** No token, or the server refused it: exit 3. */
export class NotSignedInError extends CliError {
  override name = 'NotSignedInError';
  constructor(message = 'not signed in: run devtrackr login') {
    super(message, EXIT_NOT_SIGNED_IN, 'not_signed_in');
  }
}

/** The SDK's one error type, checked by shape so this module does not load the SDK. */
export function isApiError(error: unknown): error is DevTrackrError {
  if (!(error instanceof Error) || error.name !== 'DevTrackrError') return false;
  const e = error as Partial<DevTrackrError>;
  return typeof e.status === 'number' && typeof e.code === 'string';
}

/** What reportError needs from the context: where to print, and whether to print JSON. */
export interface ErrorSink {
  out: Output;
  readonly json: boolean;
  /** The API root the command used, for "cannot reach <url>". */
  lastUrl?: string | undefined;
}

/**
 * Prints an error for a person (or as JSON on stderr under `--json`) and returns the exit code.
 * Never prints a stack trace: API and network failures are expected, not bugs in the CLI.
 */
export function reportError(error: unknown, ctx: ErrorSink): number {
  if (isApiError(error)) return reportApiError(error, ctx);
  if (error instanceof CliError) {
    if (ctx.json) ctx.out.warn(JSON.stringify({ code: error.code, message: error.message }));
    else ctx.out.warn(`${ctx.out.c.red('error:')} ${error.message}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (ctx.json) ctx.out.warn(JSON.stringify({ code: 'internal', message }));
  else ctx.out.warn(`${ctx.out.c.red('error:')} ${message}`);
  return EXIT_FAILED;
}

function reportApiError(error: DevTrackrError, ctx: ErrorSink): number {
  if (error.status === 401 && (error.code === 'unauthorized' || error.code === 'invalid_token')) {
    return reportError(new NotSignedInError(), ctx);
  }
  if (error.status === 0) {
    const where = ctx.lastUrl ?? 'the server';
    const reason = causeMessage(error) ?? error.detail;
    const message =
      error.code === 'network_error'
        ? `cannot reach ${where}: ${reason}`
        : `${where} did not answer: ${error.detail}`;
    if (ctx.json) ctx.out.warn(JSON.stringify({ code: error.code, message }));
    else ctx.out.warn(`${ctx.out.c.red('error:')} ${message}`);
    return EXIT_FAILED;
  }
  if (ctx.json) {
    ctx.out.warn(
      JSON.stringify(
        error.problem ?? {
          status: error.status,
          code: error.code,
          title: error.title,
          detail: error.detail,
        },
      ),
    );
  } else {
    ctx.out.warn(`${ctx.out.c.red(`${error.title}:`)} ${error.detail} (${error.code})`);
    for (const field of error.errors) {
      ctx.out.warn(`  ${field.location}: ${field.message}`);
    }
  }
  return EXIT_FAILED;
}

/** Node's fetch hides the reason (ECONNREFUSED…) in error.cause.cause. */
function causeMessage(error: Error): string | undefined {
  let cause: unknown = error.cause;
  let last: string | undefined;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    last =
      code !== undefined && !cause.message.includes(code)
        ? `${cause.message} (${code})`
        : cause.message;
    cause = cause.cause;
  }
  return last;
}
