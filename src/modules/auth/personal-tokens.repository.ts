import { and, eq, isNull, sql } from 'drizzle-orm';
import { personalAccessTokens, users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export interface PersonalTokenState {
  id: number;
  userId: number;
  scopes: string[];
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
