import { and, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { personalAccessTokens, users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export interface PersonalTokenState {
  id: number;
  userId: number;
  scopes: string[];
  workspaceId: number | null;
  expiresAt: Date | null;
  revoked: boolean;
  userActive: boolean;
}

export async function findPersonalTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<PersonalTokenState | undefined> {
  const rows = await db
    .select({
      id: personalAccessTokens.id,
      userId: personalAccessTokens.userId,
      scopes: personalAccessTokens.scopes,
      workspaceId: personalAccessTokens.workspaceId,
      expiresAt: personalAccessTokens.expiresAt,
      revokedAt: personalAccessTokens.revokedAt,
      userActive: users.isActive,
    })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(eq(personalAccessTokens.tokenHash, tokenHash))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.userId,
    scopes: row.scopes,
    workspaceId: row.workspaceId,
    expiresAt: row.expiresAt,
    revoked: row.revokedAt !== null,
    userActive: row.userActive,
  };
}

/** Records use at most once a minute per token, so an API-heavy script does not write per request. */
export async function touchPersonalToken(db: DbOrTx, id: number): Promise<void> {
  await db
    .update(personalAccessTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(personalAccessTokens.id, id),
        sql`(${personalAccessTokens.lastUsedAt} is null or ${personalAccessTokens.lastUsedAt} < now() - interval '1 minute')`,
        isNull(personalAccessTokens.revokedAt),
      ),
    );
}

export type PersonalTokenRow = typeof personalAccessTokens.$inferSelect;

export async function insertPersonalToken(
  db: DbOrTx,
  values: {
    userId: number;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    scopes: string[];
    workspaceId: number | null;
    createdAt: Date;
    expiresAt: Date | null;
  },
): Promise<PersonalTokenRow> {
  const rows = await db.insert(personalAccessTokens).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('personal token insert returned no row');
  return row;
}

/** Tokens that still work or could: not revoked and not yet expired at `now`. */
const live = (userId: number, now: Date) =>
  and(
    eq(personalAccessTokens.userId, userId),
    isNull(personalAccessTokens.revokedAt),
    or(isNull(personalAccessTokens.expiresAt), gt(personalAccessTokens.expiresAt, now)),
  );

export async function countLivePersonalTokens(
  db: DbOrTx,
  userId: number,
  now: Date,
): Promise<number> {
  const rows = await db.select({ n: count() }).from(personalAccessTokens).where(live(userId, now));
  return rows[0]?.n ?? 0;
}

/** A user's unrevoked tokens (expired ones included, so the user sees why a script stopped). */
export async function listPersonalTokens(
  db: DbOrTx,
  userId: number,
  page: { limit: number; offset: number },
): Promise<{ rows: PersonalTokenRow[]; total: number }> {
  const mine = and(eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt));
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(personalAccessTokens)
      .where(mine)
      .orderBy(desc(personalAccessTokens.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(personalAccessTokens).where(mine),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findPersonalToken(
  db: DbOrTx,
  userId: number,
  id: number,
): Promise<PersonalTokenRow | undefined> {
  const rows = await db
    .select()
    .from(personalAccessTokens)
    .where(and(eq(personalAccessTokens.id, id), eq(personalAccessTokens.userId, userId)))
    .limit(1);
  return rows[0];
}

/** Revokes one of the user's own tokens; returns its hash (to drop cached checks) or undefined. */
export async function revokePersonalToken(
  db: DbOrTx,
  userId: number,
  id: number,
): Promise<string | undefined> {
  const rows = await db
    .update(personalAccessTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(personalAccessTokens.id, id),
        eq(personalAccessTokens.userId, userId),
        isNull(personalAccessTokens.revokedAt),
      ),
    )
    .returning({ tokenHash: personalAccessTokens.tokenHash });
  return rows[0]?.tokenHash;
}

export async function listPersonalTokenHashes(db: DbOrTx, userId: number): Promise<string[]> {
  const rows = await db
    .select({ tokenHash: personalAccessTokens.tokenHash })
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, userId));
  return rows.map((r) => r.tokenHash);
}
