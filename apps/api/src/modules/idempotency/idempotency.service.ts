import { createHash } from 'node:crypto';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import {
  completeKey,
  deleteExpiredKeys,
  findKey,
  insertClaim,
  reclaimDeadKey,
  releaseKey,
  type KeyClaim,
} from './idempotency.repository.js';

/** How long a key remembers its first response. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** One in this many claims also sweeps expired rows, so the table never needs a cron job. */
const SWEEP_EVERY = 100;
const SWEEP_BATCH = 500;

export interface RequestFingerprint {
  userId: number;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export type BeginOutcome =
  | { kind: 'proceed' }
  | { kind: 'replay'; statusCode: number; headers: Record<string, string>; body: string };

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // A POST without a body validates as undefined, which has no JSON form of its own.
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * Idempotency-Key semantics (kept in PostgreSQL, so they hold across processes):
 * - the first request with a key claims it (insert-first; the primary key arbitrates races);
 * - a retry with the same method, path and body gets the stored response, and nothing runs again;
 * - the same key with another method, path or body is a 422 `idempotency_key_reused`;
 * - while the first request still runs, a retry is a 409 `conflict` (Retry-After: 1);
 * - only 2xx responses are stored: any other outcome releases the key, so the client can retry.
 * A claim left in flight by a process that died is taken over after `staleAfterMs`.
 */
export class IdempotencyService {
  private claims = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly staleAfterMs: number,
  ) {}

  async begin(request: RequestFingerprint): Promise<BeginOutcome> {
    const now = this.clock();
    const claim: KeyClaim = {
      userId: request.userId,
      key: request.key,
      method: request.method,
      path: request.path,
      requestHash: requestHash(request.body),
      createdAt: now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    };
    const staleBefore = new Date(now.getTime() - this.staleAfterMs);
    // A row can vanish between the failed insert and the read (a failed request releases it):
    // then claiming again is right. Two rounds cover that; a third loss is a genuine conflict.
    for (let round = 0; round < 3; round++) {
      if (await insertClaim(this.db, claim)) {
        this.maybeSweep(now);
        return { kind: 'proceed' };
      }
      const existing = await findKey(this.db, request.userId, request.key);
      if (!existing) continue;
      const dead =
        existing.expiresAt <= now ||
        (existing.statusCode === null && existing.createdAt < staleBefore);
      if (dead) {
        if (await reclaimDeadKey(this.db, claim, staleBefore)) return { kind: 'proceed' };
        continue;
      }
      if (
        existing.method !== claim.method ||
        existing.path !== claim.path ||
        existing.requestHash !== claim.requestHash
      ) {
        throw new AppError('idempotency_key_reused', {
          detail:
            'This Idempotency-Key was already used with a different request; use a new key ' +
            'for a new request.',
        });
      }
      if (existing.statusCode === null) break;
      return {
        kind: 'replay',
        statusCode: existing.statusCode,
        headers: existing.responseHeaders ?? {},
        body: existing.responseBody ?? '',
      };
    }
    throw new AppError('conflict', {
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
      headers: { 'retry-after': '1' },
    });
  }

  async complete(
    userId: number,
    key: string,
    response: { statusCode: number; headers: Record<string, string>; body: string },
  ): Promise<void> {
    await completeKey(this.db, userId, key, response);
  }

  async release(userId: number, key: string): Promise<void> {
    await releaseKey(this.db, userId, key);
  }

  private maybeSweep(now: Date): void {
    this.claims += 1;
    if (this.claims % SWEEP_EVERY !== 0) return;
    // Best effort and off the request path: a failed sweep only leaves rows for the next one.
    deleteExpiredKeys(this.db, now, SWEEP_BATCH).catch(() => undefined);
  }
}
