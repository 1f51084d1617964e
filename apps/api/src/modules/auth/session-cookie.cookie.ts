import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../shared/errors.js';

/** The browser session's refresh token. */
export const SESSION_COOKIE = 'devtrackr_refresh';

/**
 * The cookie goes back only to the session routes (/auth/session, /refresh, /logout): no other
 * request carries it, so no other route can be tricked into acting on it.
 */
export const SESSION_COOKIE_PATH = '/auth/session';

/**
 * The request header every cookie-session route requires. A cross-site form cannot set a custom
 * header, and a cross-origin script would need a CORS preflight that never allows this one.
 */
export const CSRF_HEADER = 'x-devtrackr-csrf';

const DAY_SECONDS = 86_400;

type CookieSettings = Pick<Config['auth'], 'cookieSecure' | 'refreshTokenTtlDays'>;

/**
 * HttpOnly keeps it from scripts, SameSite=Strict from every cross-site request. Secure whenever
 * the browser reached us over HTTPS (request.protocol honours TRUST_PROXY's X-Forwarded-Proto),
 * or always with COOKIE_SECURE=true; not on plain HTTP, where the browser would drop it (a
 * self-hosted instance on a LAN).
 */
function attributes(request: FastifyRequest, settings: CookieSettings): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: SESSION_COOKIE_PATH,
    secure: settings.cookieSecure || request.protocol === 'https',
  };
}

/** Sets the cookie to a fresh refresh token; it lives as long as the token does. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: CookieSettings,
  refreshToken: string,
): void {
  reply.setCookie(SESSION_COOKIE, refreshToken, {
    ...attributes(request, settings),
    maxAge: settings.refreshTokenTtlDays * DAY_SECONDS,
  });
}

/** Tells the browser to drop the cookie (Max-Age=0, same Path, so it replaces the one it holds). */
export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: CookieSettings,
): void {
  reply.clearCookie(SESSION_COOKIE, attributes(request, settings));
}

/** The refresh token the browser sent, if any. */
export function sessionCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A preHandler hook: the custom header must be there before the route touches a throttle, the
 * database or a cookie. It runs after validation, so a malformed body gets the same 422 as on
 * /auth/login; a validation has no side effect, and the body limit bounds its cost.
 */
export function requireCsrfHeader(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (err?: Error) => void,
): void {
  if (request.headers[CSRF_HEADER] === '1') {
    done();
    return;
  }
  done(
    new AppError('csrf_header_required', {
      detail: 'The cookie-session routes need the request header `X-DevTrackr-CSRF: 1`.',
    }),
  );
}
