import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { problems } from '../../shared/schemas.js';
import { CREDENTIALS_BODY_LIMIT, LoginBody } from './auth.schemas.js';
import type { TokenPair } from './auth.service.js';
import {
  clearSessionCookie,
  requireCsrfHeader,
  sessionCookie,
  setSessionCookie,
} from './session-cookie.cookie.js';
import { AccessTokenResponse } from './session-cookie.schemas.js';
import { authThrottles } from './throttles.js';

const tags = ['authentication'];

const COOKIE_NOTE =
  ' The refresh token travels in the `devtrackr_refresh` cookie (HttpOnly, SameSite=Strict, ' +
  'Path=/auth/session, Secure over HTTPS or with COOKIE_SECURE=true), never in a body. Every ' +
  'cookie-session route requires the header `X-DevTrackr-CSRF: 1` (403 `csrf_header_required` ' +
  'without it).';

/**
 * The browser's session (DESIGN.md §6): the JSON flow of auth.routes.ts, with the refresh token
 * moved from the bodies into an HttpOnly cookie, so no script (nor an XSS) can ever read it. The
 * access token is answered in the body and kept in memory by the app.
 */
const sessionCookieRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.authService;
  const throttle = authThrottles(app);
  const settings = app.config.auth;

  // Cookies are parsed in this context only: no other route reads or is influenced by them.
  await app.register(cookie);
  // Context hooks run before the routes' own preHandlers (the throttles).
  app.addHook('preHandler', requireCsrfHeader);

  /** The pair's refresh token goes to the cookie; the rest is the answer. */
  const answer = (request: FastifyRequest, reply: FastifyReply, pair: TokenPair) => {
    const { refresh_token: refreshToken, ...access } = pair;
    setSessionCookie(request, reply, settings, refreshToken);
    return reply.header('cache-control', 'no-store').send(access);
  };

  app.post(
    '/auth/session',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      // The login throttles themselves: one budget per IP and per account across both routes.
      preHandler: throttle.login,
      schema: {
        operationId: 'signInWithCookie',
        tags,
        summary: 'Sign in a browser: an access token, and the refresh token as a cookie',
        description:
          'The body, its validation, the throttles and the errors are those of `POST ' +
          '/auth/login` (JSON only). Starts a session; a session cookie the browser still held ' +
          'is revoked, since this one replaces it.' +
          COOKIE_NOTE,
        body: LoginBody,
        response: {
          200: AccessTokenResponse,
          ...problems(400, 401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const email = 'email' in body ? body.email : body.username;
      const pair = await service.login(email, body.password, request.headers['user-agent'] ?? null);
      const replaced = sessionCookie(request);
      if (replaced !== undefined) await service.logout(replaced);
      return answer(request, reply, pair);
    },
  );

  app.post(
    '/auth/session/refresh',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      preHandler: throttle.refresh,
      schema: {
        operationId: 'refreshCookieSession',
        tags,
        summary: 'Renew a browser session from its cookie: a new access token and cookie',
        description:
          'Rotates the cookie exactly as `POST /auth/refresh` rotates a refresh token: the one ' +
          'presented is spent, and presenting a spent one again revokes the whole session. ' +
          'Without a cookie the answer is 204: there is no session to renew (a signed-out ' +
          'browser asks this on every page load, and that is not an error). With one that is ' +
          'expired, revoked or spent, the answer is 401 `invalid_token` and the cookie is ' +
          'cleared. Throttled per client IP like ' +
          '`/auth/refresh` (429 `rate_limited` with `Retry-After`).' +
          COOKIE_NOTE,
        response: {
          200: AccessTokenResponse,
          204: Type.Null({ description: 'No session cookie: the browser is signed out' }),
          ...problems(400, 401, 403, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const presented = sessionCookie(request);
      if (presented === undefined) return reply.code(204).send(null);
      let pair: TokenPair;
      try {
        pair = await service.refresh(presented);
      } catch (error) {
        // A dead cookie is dropped, so the app stops presenting it; a 503 keeps it for a retry.
        if (error instanceof AppError && error.status === 401) {
          clearSessionCookie(request, reply, settings);
        }
        throw error;
      }
      return answer(request, reply, pair);
    },
  );

  app.post(
    '/auth/session/logout',
    {
      bodyLimit: CREDENTIALS_BODY_LIMIT,
      schema: {
        operationId: 'signOutCookieSession',
        tags,
        summary: 'End a browser session: revoke it on the server and clear its cookie',
        description:
          'Revokes the session of the cookie (its access tokens stop working within AUTH_CACHE_MS, ' +
          'at most 5 s) and clears the cookie. Like `POST /auth/logout`, it answers 204 for an ' +
          'unknown or revoked cookie, and without one.' +
          COOKIE_NOTE,
        response: {
          204: Type.Null({ description: 'Signed out' }),
          ...problems(400, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const presented = sessionCookie(request);
      if (presented !== undefined) await service.logout(presented);
      clearSessionCookie(request, reply, settings);
      return reply.code(204).send(null);
    },
  );
};

export default sessionCookieRoutes;
