import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { refreshTokens, sessions, users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export async function insertSession(
  db: DbOrTx,
  values: { userId: number; expiresAt: Date; userAgent: string | null },
): Promise<number> {
  const rows = await db.insert(sessions).values(values).returning({ id: sessions.id });
  const row = rows[0];
  if (!row) throw new Error('session insert returned no row');
  return row.id;
}

export async function insertRefreshToken(
  db: DbOrTx,
  values: { sessionId: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(values);
}

export interface SessionState {
  userId: number;
  revoked: boolean;
  expiresAt: Date;
  userActive: boolean;
}

/** One round trip for everything an access token's check needs. */
export async function findSessionState(
  db: DbOrTx,
  sessionId: number,
): Promise<SessionState | undefined> {
  const rows = await db
    .select({
      userId: sessions.userId,
      revokedAt: sessions.revokedAt,
      expiresAt: sessions.expiresAt,
      userActive: users.isActive,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return {
    userId: row.userId,
    revoked: row.revokedAt !== null,
    expiresAt: row.expiresAt,
    userActive: row.userActive,
  };
}

export async function revokeSession(db: DbOrTx, sessionId: number, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * Marks an unspent refresh token spent, atomically: of two concurrent presentations only one
 * gets the row back (the other waits on the row lock, then finds used_at set).
 */
export async function spendRefreshToken(
  tx: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<{ sessionId: number; expiresAt: Date } | undefined> {
  const rows = await tx
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
    .returning({ sessionId: refreshTokens.sessionId, expiresAt: refreshTokens.expiresAt });
  return rows[0];
}

/** The session (login family) a refresh token belongs to, spent or not. */
export async function findRefreshTokenSession(
  db: DbOrTx,
  tokenHash: string,
): Promise<number | undefined> {
  const rows = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return rows[0]?.sessionId;
}

/** Sliding expiry: each rotation keeps the login alive for another refresh-token lifetime. */
export async function extendSession(db: DbOrTx, sessionId: number, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
}

/** Revokes every live session of a user except `keep`; returns the ids it revoked. */
export async function revokeOtherSessions(
  db: DbOrTx,
  userId: number,
  keep: number | null,
  reason: string,
): Promise<number[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keep === null ? undefined : ne(sessions.id, keep),
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function listSessionIds(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return rows.map((r) => r.id);
}
