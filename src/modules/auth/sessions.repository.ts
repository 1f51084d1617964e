import { and, eq, isNull, sql } from 'drizzle-orm';
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
