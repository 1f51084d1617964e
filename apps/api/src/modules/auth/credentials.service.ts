import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import type { AuthContext } from './auth.types.js';
import { findPersonalTokenByHash, touchPersonalToken } from './personal-tokens.repository.js';
import type { Scope } from './scopes.js';
import { findSessionState } from './sessions.repository.js';
import { PERSONAL_TOKEN_PREFIX, hashToken, type AccessTokens } from './tokens.js';

interface CachedPrincipal {
  userId: number;
  active: boolean;
  /** ms epoch after which the session or token itself is expired */
  expiresAtMs: number;
  tokenId: number | null;
  scopes: readonly Scope[] | null;
  workspaceId: number | null;
}

const invalidToken = (detail: string): AppError =>
  new AppError('invalid_token', {
    detail,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

const inactiveUser = (): AppError =>
  new AppError('inactive_user', { detail: 'This account is deactivated.' });

/** Entries per cache: bounds memory however many distinct credentials arrive. */
const CACHE_ENTRIES = 50_000;

/**
 * Checks the bearer credential of a request: an access token (JWT) or a personal access token
 * (dtk_...). The database is the truth for revocation and deactivation; positive answers are
 * cached in memory for at most `cacheMs` (AUTH_CACHE_MS, ≤ 5 s), which bounds how long a
 * revocation on another process takes to apply. This process's own revocations drop the cached
 * answer at once (forgetSessions, forgetPersonalTokens).
 */
export class CredentialService {
  private readonly db: Db;
  private readonly accessTokens: AccessTokens;
  private readonly now: () => number;
  private readonly sessionCache: TtlCache<number, CachedPrincipal | null>;
  private readonly tokenCache: TtlCache<string, CachedPrincipal | null>;

  constructor(deps: { db: Db; clock: Clock; accessTokens: AccessTokens; cacheMs: number }) {
    this.db = deps.db;
    this.accessTokens = deps.accessTokens;
    // The caches age on the app clock, so tests can step past the TTL instead of sleeping.
    this.now = () => deps.clock().getTime();
    this.sessionCache = new TtlCache(deps.cacheMs, CACHE_ENTRIES, this.now);
    this.tokenCache = new TtlCache(deps.cacheMs, CACHE_ENTRIES, this.now);
  }

  forgetSessions(sessionIds: readonly number[]): void {
    for (const id of sessionIds) this.sessionCache.delete(id);
  }

  /** By the tokens' stored hashes. */
  forgetPersonalTokens(tokenHashes: readonly string[]): void {
    for (const hash of tokenHashes) this.tokenCache.delete(hash);
  }

  /** Who the Authorization header names; 401 (or 403 for a deactivated account) otherwise. */
  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    if (authorization === undefined || authorization === '') {
      throw new AppError('unauthorized', {
        detail: 'Send a bearer token in the Authorization header.',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
    if (token === undefined)
      throw invalidToken('The Authorization header must be "Bearer <token>".');
    const at = this.now();
    return token.startsWith(PERSONAL_TOKEN_PREFIX)
      ? this.personalToken(token, at)
      : this.accessToken(token, at);
  }

  private async personalToken(token: string, at: number): Promise<AuthContext> {
    const principal = await this.tokenPrincipal(token);
    if (!principal || principal.expiresAtMs <= at)
      throw invalidToken('The token is invalid, expired or revoked.');
    if (!principal.active) throw inactiveUser();
    return {
      userId: principal.userId,
      sessionId: null,
      tokenId: principal.tokenId,
      scopes: principal.scopes,
      workspaceId: principal.workspaceId,
      expiresAt: Number.isFinite(principal.expiresAtMs) ? new Date(principal.expiresAtMs) : null,
    };
  }

  private async accessToken(token: string, at: number): Promise<AuthContext> {
    const claims = this.accessTokens.verify(token);
    if (!claims) throw invalidToken('The access token is invalid or expired.');
    const principal = await this.sessionPrincipal(claims.sid);
    if (!principal || principal.expiresAtMs <= at || String(principal.userId) !== claims.sub) {
      throw invalidToken('The session has ended; log in again.');
    }
    if (!principal.active) throw inactiveUser();
    return {
      userId: principal.userId,
      sessionId: claims.sid,
      tokenId: null,
      scopes: null,
      workspaceId: null,
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  private async sessionPrincipal(sessionId: number): Promise<CachedPrincipal | null> {
    const cached = this.sessionCache.get(sessionId);
    if (cached !== undefined) return cached;
    const state = await findSessionState(this.db, sessionId);
    const principal =
      state && !state.revoked
        ? {
            userId: state.userId,
            active: state.userActive,
            expiresAtMs: state.expiresAt.getTime(),
            tokenId: null,
            scopes: null,
            workspaceId: null,
          }
        : null;
    this.sessionCache.set(sessionId, principal);
    return principal;
  }

  private async tokenPrincipal(token: string): Promise<CachedPrincipal | null> {
    const tokenHash = hashToken(token);
    const cached = this.tokenCache.get(tokenHash);
    if (cached !== undefined) return cached;
    const state = await findPersonalTokenByHash(this.db, tokenHash);
    const principal =
      state && !state.revoked
        ? {
            userId: state.userId,
            active: state.userActive,
            expiresAtMs: state.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
            tokenId: state.id,
            scopes: state.scopes as Scope[],
            workspaceId: state.workspaceId,
          }
        : null;
    if (principal?.tokenId != null) await touchPersonalToken(this.db, principal.tokenId);
    this.tokenCache.set(tokenHash, principal);
    return principal;
  }
}
