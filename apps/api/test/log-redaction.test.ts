import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/plugins/errors.js';
import { createTestApp, type TestApp } from './helpers/app.js';

// Issue 12, D4: a failed query's parameters (an email, a password hash) and PostgreSQL's row
// values (`Key (email)=(…) already exists`) never reach a log line. Real errors from a real
// database, through the real logger configuration.

const EMAIL = 'redact-me@example.com';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(chunk.toString());
    cb();
  },
});

function probeRoutes(app: FastifyInstance): void {
  // A statement that fails with its parameters in Drizzle's error.
  app.get('/probe/failed-query', async () => {
    await app.database.db.execute(sql`select ${EMAIL}::int, ${HASH}::text`);
    return {};
  });
  // A unique violation: PostgreSQL puts the row's value in the error's `detail`.
  app.get('/probe/unique', async () => {
    await app.database.db.execute(
      sql`create temporary table if not exists redact_probe (v text primary key)`,
    );
    await app.database.db.execute(sql`insert into redact_probe values (${EMAIL})`);
    await app.database.db.execute(sql`insert into redact_probe values (${EMAIL})`);
    return {};
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream, extraRoutes: probeRoutes });
});
afterAll(async () => {
  await t.close();
});

describe('log lines never carry query values', () => {
  it.each(['/probe/failed-query', '/probe/unique'])(
    '%s: 500, logged without values',
    async (url) => {
      lines.length = 0;
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(500);
      const logged = lines.join('\n');
      // The failure is logged, with its statement text...
      expect(logged).toContain('unhandled error');
      expect(logged).toContain('Failed query');
      // ...and none of the values.
      expect(logged).not.toContain(EMAIL);
      expect(logged).not.toContain('$argon2id$');
      expect(logged).not.toContain('aGFzaGhhc2hoYXNo');
    },
  );
});

describe('a FATAL from PostgreSQL means unavailable (issue 12, D10)', () => {
  it('is a 503 whatever its code; an ERROR with the same code is not', () => {
    const fatal = Object.assign(new Error('database "x" is not currently accepting connections'), {
      code: '55000',
      severity: 'FATAL',
    });
    expect(isDatabaseUnavailable(fatal)).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: fatal }))).toBe(true);
    const error = Object.assign(new Error('object not in prerequisite state'), {
      code: '55000',
      severity: 'ERROR',
    });
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
