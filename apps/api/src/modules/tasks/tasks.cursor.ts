import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { TASK_PRIORITIES } from '../../db/schema/tasks.js';
import { AppError } from '../../shared/errors.js';
import type { KeysetPosition, SortField } from './tasks.list.js';

/**
 * Keyset cursors: `<base64url JSON>.<base64url HMAC-SHA256>`. The MAC key is derived from the JWT
 * secret with HKDF under its own label, so a cursor can never be replayed as anything else. The
 * payload carries the owner and a digest of the filters and sort, so a cursor only works for the
 * user and the query it was issued for; any edit breaks the MAC. Cursors do not expire: they hold a
 * position, not a permission.
 */

export type CursorDirection = 'after' | 'before';

export interface CursorState {
  direction: CursorDirection;
  position: KeysetPosition;
}

interface Payload {
  v: 1;
  /** owner id */
  u: number;
  /** filters + sort digest */
  f: string;
  /** a = rows after the position, b = rows before it */
  d: 'a' | 'b';
  k: string | null;
  i: number;
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const invalidCursor = (message: string): AppError =>
  new AppError('invalid_cursor', {
    detail: `query.cursor ${message}`,
    errors: [{ location: 'query.cursor', message }],
  });

function keyFits(field: SortField, key: unknown): boolean {
  switch (field) {
    case 'id':
      return key === null;
    case 'created_at':
    case 'updated_at':
      return typeof key === 'string' && TIMESTAMP_KEY.test(key);
    case 'due_at':
      return key === null || (typeof key === 'string' && TIMESTAMP_KEY.test(key));
    case 'priority':
      return typeof key === 'string' && (TASK_PRIORITIES as readonly string[]).includes(key);
    case 'title':
      return typeof key === 'string';
  }
}

export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'devtrackr', 'tasks list cursor v1', 32));
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }

  encode(ownerId: number, digest: string, state: CursorState): string {
    const payload: Payload = {
      v: 1,
      u: ownerId,
      f: digest,
      d: state.direction === 'after' ? 'a' : 'b',
      k: state.position.key,
      i: state.position.id,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** Verifies the MAC, then that the cursor belongs to this owner, filters and sort. */
  decode(token: string, ownerId: number, digest: string, field: SortField): CursorState {
    const [body, signature, extra] = token.split('.');
    if (body === undefined || signature === undefined || extra !== undefined) {
      throw invalidCursor('is not a valid cursor');
    }
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalidCursor('is not a valid cursor (it was altered or comes from elsewhere)');
    }
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      throw invalidCursor('is not a valid cursor');
    }
    if (payload.u !== ownerId || payload.f !== digest) {
      throw invalidCursor(
        'belongs to other filters or another sort; repeat the query without a cursor',
      );
    }
    if (
      payload.v !== 1 ||
      (payload.d !== 'a' && payload.d !== 'b') ||
      typeof payload.i !== 'number' ||
      !Number.isInteger(payload.i) ||
      !keyFits(field, payload.k)
    ) {
      throw invalidCursor('is not a valid cursor');
    }
    return {
      direction: payload.d === 'a' ? 'after' : 'before',
      position: { key: payload.k ?? null, id: payload.i },
    };
  }
}
