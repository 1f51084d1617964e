import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { AuthDeps, RevocationListener } from './auth.service.js';
import type { AuthContext } from './auth.types.js';
import * as tokensRepo from './personal-tokens.repository.js';
import type { PersonalTokenRow } from './personal-tokens.repository.js';
import { SCOPES, type Scope } from './scopes.js';
import { PERSONAL_TOKEN_PREFIX, hashToken, newOpaqueToken } from './tokens.js';
import { lockUser } from './users.repository.js';
import { requireMembership } from '../workspaces/access.service.js';

const DAY_MS = 86_400_000;
/** Live (unrevoked, unexpired) tokens one user may hold: bounds what a stolen session can mint. */
export const MAX_LIVE_TOKENS = 100;
/** Characters of the token kept in clear so lists can tell tokens apart: `dtk_` + 8 (48 bits). */
const SHOWN_PREFIX_LENGTH = PERSONAL_TOKEN_PREFIX.length + 8;

export interface CurrentCredential {
  kind: 'session' | 'personal_access_token';
  userId: number;
  sessionId: number | null;
  token: PersonalTokenRow | null;
  scopes: readonly Scope[];
  accountAccess: boolean;
  expiresAt: Date | null;
}

/** Personal access tokens: long-lived, scoped credentials for scripts and CI. */
export class PersonalTokenService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly revocations: RevocationListener;

  constructor(deps: AuthDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.revocations = deps.revocations;
  }

  async create(
    userId: number,
    input: { name: string; scopes: Scope[]; expires_in_days?: number; workspace_id?: number },
  ): Promise<{ row: PersonalTokenRow; token: string }> {
    const now = this.clock();
    const workspaceId = input.workspace_id ?? null;
    // Only a workspace the user belongs to; any other is "not found", as everywhere.
    if (workspaceId !== null) {
      await requireMembership(this.db, { userId, workspaceId: null }, workspaceId);
    }
    const token = newOpaqueToken(PERSONAL_TOKEN_PREFIX);
    // Keep the canonical order, so a token's scopes read the same however they were sent.
    const scopes = SCOPES.filter((s) => input.scopes.includes(s));
    const row = await this.db.transaction(async (tx) => {
      await lockUser(tx, userId);
      if ((await tokensRepo.countLivePersonalTokens(tx, userId, now)) >= MAX_LIVE_TOKENS) {
        throw new AppError('token_limit_reached', {
          detail: `An account can hold at most ${MAX_LIVE_TOKENS} live tokens; revoke some first.`,
        });
      }
      return tokensRepo.insertPersonalToken(tx, {
        userId,
        name: input.name.trim(),
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        scopes: [...scopes],
        workspaceId,
        createdAt: now,
        expiresAt:
          input.expires_in_days === undefined
            ? null
            : new Date(now.getTime() + input.expires_in_days * DAY_MS),
      });
    });
    return { row, token };
  }

  list(
    userId: number,
    page: { limit: number; offset: number },
  ): Promise<{ rows: PersonalTokenRow[]; total: number }> {
    return tokensRepo.listPersonalTokens(this.db, userId, page);
  }

  /** Another user's token, a missing one and an already revoked one are the same 404. */
  async revoke(userId: number, id: number): Promise<void> {
    const tokenHash = await tokensRepo.revokePersonalToken(this.db, userId, id);
    if (tokenHash === undefined) throw notFound('No such token.');
    this.revocations.forgetPersonalTokens([tokenHash]);
  }

  /**
   * Revokes the personal access token making the request: how the CLI logs out, since a token
   * cannot call DELETE /auth/tokens/:id (account endpoints need a login session). A login
   * session has its own logout, so it is refused rather than silently doing nothing.
   */
  async revokeCurrent(auth: AuthContext): Promise<void> {
    if (auth.tokenId === null) {
      throw new AppError('not_a_personal_token', {
        detail:
          'This call revokes the personal access token it is made with; a login session ' +
          'ends with POST /auth/logout.',
      });
    }
    await this.revoke(auth.userId, auth.tokenId);
  }

  async current(auth: AuthContext): Promise<CurrentCredential> {
    if (auth.tokenId === null) {
      return {
        kind: 'session',
        userId: auth.userId,
        sessionId: auth.sessionId,
        token: null,
        scopes: SCOPES,
        accountAccess: true,
        expiresAt: auth.expiresAt,
      };
    }
    const token = await tokensRepo.findPersonalToken(this.db, auth.userId, auth.tokenId);
    if (!token) throw notFound('No such token.');
    return {
      kind: 'personal_access_token',
      userId: auth.userId,
      sessionId: null,
      token,
      scopes: auth.scopes ?? [],
      accountAccess: false,
      expiresAt: token.expiresAt,
    };
  }
}
