import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation, isUnstorableText } from '../src/db/errors.js';
import { byteSize } from '../src/plugins/errors.js';
import { causes, validationError, validationFailed } from '../src/shared/errors.js';
import { toFieldErrors } from '../src/shared/problems.js';
import type { AjvError } from '../src/shared/validation.js';

/** A driver error as node-postgres or PGlite raises it: an Error with a SQLSTATE `code`. */
function driverError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}
/** Drizzle's DrizzleQueryError keeps the driver's error as its cause. */
const wrapped = (cause: Error): Error => new Error('Failed query: insert ...', { cause });

describe('causes', () => {
  it('walks the cause chain, outermost first', () => {
    const inner = new Error('inner');
    const outer = new Error('outer', { cause: new Error('middle', { cause: inner }) });
    expect([...causes(outer)].map((e) => e.message)).toEqual(['outer', 'middle', 'inner']);
  });

  it('stops at a cause that is not an Error, and on a cycle', () => {
    expect([...causes(new Error('a', { cause: 'text' }))]).toHaveLength(1);
    expect([...causes('not an error')]).toEqual([]);
    const a = new Error('a');
    a.cause = a;
    expect([...causes(a)]).toHaveLength(4);
  });
});

describe('driver errors', () => {
  const running = 'time_entries_one_running_per_user';

  it('a unique violation is recognised by its constraint, wrapped or not', () => {
    const violation = driverError('duplicate key value', { code: '23505', constraint: running });
    expect(isUniqueViolation(violation, running)).toBe(true);
    expect(isUniqueViolation(wrapped(violation), running)).toBe(true);
    expect(isUniqueViolation(violation, 'users_email_unique')).toBe(false);
    // A driver that leaves `constraint` empty still names it in the message.
    const named = driverError(`duplicate key value violates "${running}"`, { code: '23505' });
    expect(isUniqueViolation(wrapped(named), running)).toBe(true);
    expect(isUniqueViolation(driverError(running, { code: '23503' }), running)).toBe(false);
  });

  it('NUL or an untranslatable character is unstorable text, through the cause chain', () => {
    expect(isUnstorableText(wrapped(driverError('invalid byte', { code: '22021' })))).toBe(true);
    expect(isUnstorableText(driverError('untranslatable', { code: '22P05' }))).toBe(true);
    expect(isUnstorableText(driverError('other', { code: '22001' }))).toBe(false);
  });

  it('an unavailable database is recognised through the cause chain', () => {
    expect(isDatabaseUnavailable(wrapped(driverError('shutdown', { code: '57P01' })))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly')))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(wrapped(driverError('dup', { code: '23505' })))).toBe(false);
  });
});

describe('validation problems', () => {
  it('one detail format: `location message`, joined by "; "', () => {
    const error = validationFailed([
      { location: 'body.title', message: 'must not be blank' },
      { location: 'body.tags.0', message: 'must be string' },
    ]);
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.message).toBe('body.title must not be blank; body.tags.0 must be string');
    expect(validationError('query.to', 'must not be before from').message).toBe(
      'query.to must not be before from',
    );
  });
});

describe('byteSize', () => {
  it('names a limit the way it is set', () => {
    expect(byteSize(1024 * 1024)).toBe('1 MiB');
    expect(byteSize(16 * 1024)).toBe('16 KiB');
    expect(byteSize(1000)).toBe('1000 bytes');
  });
});

describe('toFieldErrors', () => {
  const typeError = (instancePath: string, type: string): AjvError => ({
    instancePath,
    schemaPath: '#/type',
    keyword: 'type',
    params: { type },
    message: `must be ${type}`,
  });

  it('a null where null is not allowed is "must not be null", once per field', () => {
    const body = { title: null, status: null, tags: ['ok', null], count: 'x' };
    const errors: AjvError[] = [
      typeError('/title', 'string'),
      typeError('/status', 'string'),
      {
        instancePath: '/status',
        schemaPath: '#/enum',
        keyword: 'enum',
        params: { allowedValues: ['todo', 'done'] },
        message: 'must be equal to one of the allowed values',
      },
      typeError('/tags/1', 'string'),
      typeError('/count', 'integer'),
    ];
    expect(toFieldErrors('body', errors, body)).toEqual([
      { location: 'body.title', message: 'must not be null' },
      { location: 'body.status', message: 'must not be null' },
      { location: 'body.tags.1', message: 'must not be null' },
      { location: 'body.count', message: 'must be integer' },
    ]);
  });

  it('without the data, or for a null body, the message stays ajv’s', () => {
    expect(toFieldErrors('body', [typeError('/title', 'string')])).toEqual([
      { location: 'body.title', message: 'must be string' },
    ]);
    expect(toFieldErrors('body', [typeError('', 'object')], null)).toEqual([
      { location: 'body', message: 'must be object' },
    ]);
  });
});
