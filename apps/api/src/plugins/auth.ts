import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AuthService, type RevocationListener } from '../modules/auth/auth.service.js';
import {
  findPersonalTokenByHash,
  touchPersonalToken,
} from '../modules/auth/personal-tokens.repository.js';
import {
  insufficientScope,
  requireScope,
  type Requirement,
  type Scope,
} from '../modules/auth/scopes.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../modules/auth/rate-limit.js';
import { findSessionState } from '../modules/auth/sessions.repository.js';
import { PERSONAL_TOKEN_PREFIX, hashToken } from '../modules/auth/tokens.js';
import { AppError } from '../shared/errors.js';
import { TtlCache } from '../shared/ttl-cache.js';

/** Who is calling, set on the request by `app.authenticate(...)`. */
export interface AuthContext {
  userId: number;
  /** The login session (sid) for access tokens; null for personal access tokens. */
  sessionId: number | null;
  /** The personal access token id; null for access tokens. */
  tokenId: number | null;
  /** null = every scope (a login session); otherwise the token's scopes. */
  scopes: readonly Scope[] | null;
  /** When the credential in hand expires: the JWT's exp, or the token's expiry (null = never). */
  expiresAt: Date | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    authService: AuthService;
    /** An onRequest hook that requires a valid token granting `requirement`; sets request.auth. */
    authenticate(requirement: Requirement): (request: FastifyRequest) => Promise<void>;
    /** Forget cached checks for a session, so a local revocation takes effect at once. */
    forgetSession(sessionId: number): void;
    /** Forget the cached check of a personal access token (by its stored hash). */
    forgetPersonalToken(tokenHash: string): void;
    /** Counters for the credential endpoints' throttles (in memory; shared stores plug in here). */
    rateLimitStore: RateLimitStore;
  }
  interface FastifyRequest {
    auth: AuthContext;
  }
}

interface CachedPrincipal {
  userId: number;
  active: boolean;
  /** ms epoch after which the session or token itself is expired */
  expiresAtMs: number;
  tokenId: number | null;
  scopes: readonly Scope[] | null;
}

const invalidToken = (detail: string): AppError =>
  new AppError('invalid_token', {
    detail,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Bearer authentication for access tokens (JWT) and personal access tokens (dtk_...). The database
 * is the truth for revocation and deactivation; positive answers are cached in memory for at most
 * AUTH_CACHE_MS (≤ 5 s), which bounds how long a revocation on another process takes to apply.
 */
export default fp(
  function authPlugin(app: FastifyInstance) {
    const ttl = app.config.auth.sessionCacheMs;
    // The cache ages on the app clock, so tests can step past the TTL instead of sleeping.
    const now = () => app.clock().getTime();
    const sessionCache = new TtlCache<number, CachedPrincipal | null>(ttl, 50_000, now);
    const tokenCache = new TtlCache<string, CachedPrincipal | null>(ttl, 50_000, now);
    const revocations: RevocationListener = {
      forgetSessions(ids) {
        for (const id of ids) sessionCache.delete(id);
      },
      forgetPersonalTokens(hashes) {
        for (const hash of hashes) tokenCache.delete(hash);
      },
      refreshTokenReused(sessionId) {
        app.log.warn({ sessionId }, 'refresh token reused: session revoked');
      },
    };
    const service = new AuthService(app.db, app.config, app.clock, revocations);

    app.decorate('authService', service);
    // Shared (Redis) counters when REDIS_URL is set, so N processes enforce one limit.
    app.decorate('rateLimitStore', app.sharedCounters ?? new MemoryRateLimitStore(now));
    app.decorate('forgetSession', (sessionId: number) => {
      sessionCache.delete(sessionId);
    });
    app.decorate('forgetPersonalToken', (tokenHash: string) => {
      tokenCache.delete(tokenHash);
    });
    app.decorateRequest('auth', null as unknown as AuthContext);

    async function sessionPrincipal(sessionId: number): Promise<CachedPrincipal | null> {
      const cached = sessionCache.get(sessionId);
      if (cached !== undefined) return cached;
      const state = await findSessionState(app.db, sessionId);
      const principal =
        state && !state.revoked
          ? {
              userId: state.userId,
              active: state.userActive,
              expiresAtMs: state.expiresAt.getTime(),
              tokenId: null,
              scopes: null,
            }
          : null;
      sessionCache.set(sessionId, principal);
      return principal;
    }

    async function tokenPrincipal(token: string): Promise<CachedPrincipal | null> {
      const tokenHash = hashToken(token);
      const cached = tokenCache.get(tokenHash);
      if (cached !== undefined) return cached;
      const state = await findPersonalTokenByHash(app.db, tokenHash);
      const principal =
        state && !state.revoked
          ? {
              userId: state.userId,
              active: state.userActive,
              expiresAtMs: state.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
              tokenId: state.id,
              scopes: state.scopes as Scope[],
            }
          : null;
      if (principal?.tokenId != null) await touchPersonalToken(app.db, principal.tokenId);
      tokenCache.set(tokenHash, principal);
      return principal;
    }

    async function resolve(request: FastifyRequest): Promise<AuthContext> {
      const header = request.headers.authorization;
      if (header === undefined || header === '') {
        throw new AppError('unauthorized', {
          detail: 'Send a bearer token in the Authorization header.',
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      const match = /^Bearer +(\S+)$/i.exec(header);
      const token = match?.[1];
      if (token === undefined)
        throw invalidToken('The Authorization header must be "Bearer <token>".');
      const at = now();

      if (token.startsWith(PERSONAL_TOKEN_PREFIX)) {
        const principal = await tokenPrincipal(token);
        if (!principal || principal.expiresAtMs <= at)
          throw invalidToken('The token is invalid, expired or revoked.');
        if (!principal.active)
          throw new AppError('inactive_user', { detail: 'This account is deactivated.' });
        return {
          userId: principal.userId,
          sessionId: null,
          tokenId: principal.tokenId,
          scopes: principal.scopes,
          expiresAt: Number.isFinite(principal.expiresAtMs)
            ? new Date(principal.expiresAtMs)
            : null,
        };
      }

      const claims = service.accessTokens.verify(token);
      if (!claims) throw invalidToken('The access token is invalid or expired.');
      const principal = await sessionPrincipal(claims.sid);
      if (!principal || principal.expiresAtMs <= at || String(principal.userId) !== claims.sub) {
        throw invalidToken('The session has ended; log in again.');
      }
      if (!principal.active)
        throw new AppError('inactive_user', { detail: 'This account is deactivated.' });
      return {
        userId: principal.userId,
        sessionId: claims.sid,
        tokenId: null,
        scopes: null,
        expiresAt: new Date(claims.exp * 1000),
      };
    }

    app.decorate('authenticate', (requirement: Requirement) => {
      return async function authenticate(request: FastifyRequest): Promise<void> {
        const auth = await resolve(request);
        if (requirement === 'account' && auth.scopes !== null) throw insufficientScope('account');
        if (requirement !== 'account' && requirement !== 'any') {
          requireScope(auth.scopes, requirement);
        }
        request.auth = auth;
      };
    });
  },
  { name: 'auth', dependencies: ['errors', 'redis'] },
);
