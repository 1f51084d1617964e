import { causes } from '../shared/errors.js';

/**
 * What the drivers' errors mean, in one place: the rest of the code asks these questions and
 * never reads a SQLSTATE. Each looks through the cause chain, where Drizzle keeps the driver's
 * error (DrizzleQueryError wraps it).
 */

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
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const UNSTORABLE_TEXT_CODES = new Set([
  '22021', // character_not_in_repertoire (NUL in text)
  '22P05', // untranslatable_character
]);

interface DriverFields {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
}
const fields = (e: Error): DriverFields => e as DriverFields;

/** True for errors that mean "the database cannot answer now": 503, not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const { code, severity } = fields(e);
    if (
      typeof code === 'string' &&
      (PG_UNAVAILABLE_CODES.has(code) || NET_UNAVAILABLE_CODES.has(code))
    ) {
      return true;
    }
    // A FATAL (or PANIC) error ends the session: the server refused or dropped the connection,
    // whatever the code (55000 "database is not accepting connections", 3D000, 28P01, ...).
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    if (UNAVAILABLE_MESSAGES.some((m) => e.message.includes(m))) return true;
  }
  return false;
}

/** PostgreSQL refused a character (NUL in text, invalid encoding): the input's fault, not a bug. */
export function isUnstorableText(err: unknown): boolean {
  for (const e of causes(err)) {
    const { code } = fields(e);
    if (typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code)) return true;
  }
  return false;
}

/** True when `err` is a unique violation of the index or constraint named `constraint`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (const e of causes(err)) {
    const { code, constraint: violated } = fields(e);
    // Not every driver fills `constraint`; the message names it either way.
    if (code === UNIQUE_VIOLATION) return violated === constraint || e.message.includes(constraint);
  }
  return false;
}

const FOREIGN_KEY_VIOLATION = '23503';

/** True when `err` is a foreign-key violation of the constraint named `constraint`. */
export function isForeignKeyViolation(err: unknown, constraint: string): boolean {
  for (const e of causes(err)) {
    const { code, constraint: violated } = fields(e);
    if (code === FOREIGN_KEY_VIOLATION) {
      return violated === constraint || e.message.includes(constraint);
    }
  }
  return false;
}

/**
 * True when `err` is a check violation (23514) of the constraint named `constraint`: a CHECK, or
 * a constraint trigger that raises with that SQLSTATE and names itself (workspace_members_one_owner,
 * which fires at COMMIT, so the error comes out of the transaction call).
 */
export function isCheckViolation(err: unknown, constraint: string): boolean {
  for (const e of causes(err)) {
    const { code, constraint: violated } = fields(e);
    if (code === CHECK_VIOLATION) return violated === constraint || e.message.includes(constraint);
  }
  return false;
}
