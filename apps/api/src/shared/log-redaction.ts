import { stdSerializers } from 'pino';

/**
 * Query parameters and row values never reach a log line (issue 12, D4). Drizzle's
 * DrizzleQueryError carries the statement's parameters in its `params` field and in its message
 * (`Failed query: <sql>\nparams: <values>`), which for a register is the email and the full
 * argon2id hash; PostgreSQL's own errors carry row values in `detail` (`Key (email)=(…)`) and
 * `where`. The statement text stays: it holds placeholders, not values, and names the failure.
 */

const PARAMS_MARKER = '\nparams:';
const VALUE_FIELDS = ['params', 'parameters', 'detail', 'where', 'internalQuery'] as const;

/** The message without the parameter list Drizzle appends. */
export function redactedMessage(message: string): string {
  const at = message.indexOf(PARAMS_MARKER);
  return at === -1 ? message : `${message.slice(0, at)}${PARAMS_MARKER} [redacted]`;
}

type Serialized = Record<string, unknown>;

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22) quote the offending input in their message:
 * `invalid input syntax for type integer: "ada@example.com"`.
 */
function redactedDataException(code: unknown, message: string): string {
  return typeof code === 'string' && code.startsWith('22')
    ? message.replace(/"[^"]*"/g, '"[redacted]"')
    : message;
}

function scrub(entry: Serialized, depth: number): Serialized {
  for (const field of VALUE_FIELDS) Reflect.deleteProperty(entry, field);
  if (typeof entry.message === 'string') {
    const original = entry.message;
    const redacted = redactedDataException(entry.code, redactedMessage(original));
    entry.message = redacted;
    if (typeof entry.stack === 'string') entry.stack = entry.stack.replace(original, redacted);
  }
  if (depth < 8 && entry.cause !== null && typeof entry.cause === 'object') {
    scrub(entry.cause as Serialized, depth + 1);
  }
  // errWithCause keeps each cause's message and stack on its own `cause` entry (scrubbed above),
  // unlike pino's plain `err` serializer, which folds them into the top ones.
  return entry;
}

export interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** pino's `err` serializer with the values removed (used for every logger in the process). */
export function serializeError(err: Error): SerializedError {
  return scrub(stdSerializers.errWithCause(err), 0) as SerializedError;
}
