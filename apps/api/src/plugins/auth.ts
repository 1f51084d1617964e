import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AccountService } from '../modules/auth/account.service.js';
import { AuthService, type RevocationListener } from '../modules/auth/auth.service.js';
import type { AuthContext } from '../modules/auth/auth.types.js';
import { CredentialService } from '../modules/auth/credentials.service.js';
import { HashLimiter, PasswordHasher } from '../modules/auth/password.js';
import { PersonalTokenService } from '../modules/auth/personal-tokens.service.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../modules/auth/rate-limit.js';
import { insufficientScope, requireScope, type Requirement } from '../modules/auth/scopes.js';
import { AccessTokens } from '../modules/auth/tokens.js';

declare module 'fastify' {
  interface FastifyInstance {
    authService: AuthService;
    accountService: AccountService;
    personalTokenService: PersonalTokenService;
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

/**
 * Bearer authentication (access tokens and personal access tokens, checked by CredentialService)
 * and the auth module's services, built here once per app from the config, database and clock.
 */
export default fp(
  function authPlugin(app: FastifyInstance) {
    const settings = app.config.auth;
    const { db } = app.database;
    const clock = app.clock;
    const accessTokens = new AccessTokens({
      secret: settings.jwtSecret,
      issuer: settings.jwtIssuer,
      audience: settings.jwtAudience,
      ttlSeconds: settings.accessTokenTtlSeconds,
    });
    const hasher = new PasswordHasher(new HashLimiter(settings.maxConcurrentHashes));
    const credentials = new CredentialService({
      db,
      clock,
      accessTokens,
      cacheMs: settings.sessionCacheMs,
    });
    const revocations: RevocationListener = {
      forgetSessions: (ids) => {
        credentials.forgetSessions(ids);
      },
      forgetPersonalTokens: (hashes) => {
        credentials.forgetPersonalTokens(hashes);
      },
      refreshTokenReused(sessionId) {
        app.log.warn({ sessionId }, 'refresh token reused: session revoked');
      },
    };
    const deps = { db, clock, revocations };
    const authService = new AuthService({ ...deps, settings, hasher, accessTokens });

    app.decorate('authService', authService);
    app.decorate('accountService', new AccountService({ ...deps, auth: authService, hasher }));
    app.decorate('personalTokenService', new PersonalTokenService(deps));
    // Shared (Redis) counters when REDIS_URL is set, so N processes enforce one limit.
    const now = () => clock().getTime();
    app.decorate('rateLimitStore', app.sharedCounters ?? new MemoryRateLimitStore(now));
    app.decorate('forgetSession', (sessionId: number) => {
      credentials.forgetSessions([sessionId]);
    });
    app.decorate('forgetPersonalToken', (tokenHash: string) => {
      credentials.forgetPersonalTokens([tokenHash]);
    });
    app.decorateRequest('auth', null as unknown as AuthContext);

    app.decorate('authenticate', (requirement: Requirement) => {
      return async function authenticate(request: FastifyRequest): Promise<void> {
        const auth = await credentials.authenticate(request.headers.authorization);
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
