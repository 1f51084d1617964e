import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/types.js';
import { queryRows } from './auth-calls.js';

/** Fields that legitimately carry a secret once: the response that issues it. */
const ISSUED_SECRET_FIELDS = ['refresh_token', 'token'];

/**
 * Watches an app for secrets leaking into log lines or response bodies. Pass `logStream` and
 * `record` to createTestApp and register the passwords a test chooses; every refresh token and
 * personal access token the app issues is registered by `record` itself. `leaks()` lists where a
 * secret appeared. The one allowed place is the issuing field of the response that creates it
 * (`refresh_token` of login/refresh, `token` of POST /auth/tokens), blanked before the check.
 */
export class LeakWatch {
  readonly logLines: string[] = [];
  readonly bodies: { url: string; body: string }[] = [];
  private readonly secrets = new Map<string, string>();

  readonly logStream = new Writable({
    write: (chunk: Buffer, _enc, cb) => {
      this.logLines.push(chunk.toString());
      cb();
    },
  });

  /** An onSend hook recording every response body; pass as createTestApp's extraRoutes. */
  readonly record = (app: FastifyInstance): void => {
    app.addHook('onSend', async (request, _reply, payload) => {
      if (typeof payload === 'string') {
        this.bodies.push({ url: request.url, body: this.withoutIssuedSecrets(payload) });
      } else if (Buffer.isBuffer(payload)) {
        this.bodies.push({ url: request.url, body: payload.toString() });
      }
      return payload;
    });
  };

  readonly userIds: number[] = [];

  add(label: string, value: string | undefined | null): void {
    if (value) this.secrets.set(value, label);
  }

  /** Registers a test user's password and refresh token, and remembers it for its hash. */
  track<T extends { id: number; password: string; refreshToken: string }>(user: T): T {
    this.add('password', user.password);
    this.add('refresh token', user.refreshToken);
    this.userIds.push(user.id);
    return user;
  }

  /** Registers the password hashes of the given users, read straight from the database. */
  async addPasswordHashes(database: Database, userIds: number[]): Promise<void> {
    if (userIds.length === 0) return;
    const rows = await queryRows<{ password_hash: string }>(
      database,
      sql`select password_hash from users where id in ${sql.raw(`(${userIds.map(Number).join(',')})`)}`,
    );
    for (const row of rows) this.add('password hash', row.password_hash);
  }

  /** Blanks the issuing field of a response, registering the secret it carried. */
  private withoutIssuedSecrets(payload: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return payload; // not JSON: checked as is
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return payload;
    const copy = { ...(parsed as Record<string, unknown>) };
    for (const field of ISSUED_SECRET_FIELDS) {
      const value = copy[field];
      if (typeof value === 'string') {
        this.add(`issued ${field}`, value);
        copy[field] = '[issued]';
      }
    }
    return JSON.stringify(copy);
  }

  get secretCount(): number {
    return this.secrets.size;
  }

  /** Every place a registered secret appeared, as `label in where`. */
  leaks(): string[] {
    const found: string[] = [];
    for (const [secret, label] of this.secrets) {
      for (const line of this.logLines)
        if (line.includes(secret)) found.push(`${label} in a log line`);
      for (const { url, body } of this.bodies) {
        if (body.includes(secret)) found.push(`${label} in the response body of ${url}`);
      }
    }
    return found;
  }
}
