import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rateLimitHook, type Limit } from './rate-limit.js';

type Hook = (request: FastifyRequest) => Promise<void>;

/** The login form sends `username`, the JSON body `email`; both name the account. */
function loginAccount(request: FastifyRequest): string | undefined {
  const body = request.body as { email?: unknown; username?: unknown } | undefined;
  const name = body?.email ?? body?.username;
  return typeof name === 'string' ? name.trim().toLowerCase() : undefined;
}

/**
 * The throttles of the credential endpoints, from config.rateLimit. The client IP is request.ip,
 * which honours TRUST_PROXY (behind a proxy without it, every client shares the proxy's address).
 */
export function authThrottles(app: FastifyInstance): {
  login: Hook;
  register: Hook;
  refresh: Hook;
  passwordConfirmation: Hook;
} {
  const { enabled, windowMs, ...max } = app.config.rateLimit;
  const perIp = (name: string, limit: number): Limit => ({
    name,
    max: limit,
    windowMs,
    key: (request) => request.ip,
  });
  const hook = (limits: Limit[]) => rateLimitHook(app.rateLimitStore, enabled, limits);
  return {
    // The IP limit first: a client spraying many accounts is stopped before it spends their quota.
    login: hook([
      perIp('login:ip', max.loginPerIp),
      { name: 'login:account', max: max.loginPerAccount, windowMs, key: loginAccount },
    ]),
    register: hook([perIp('register:ip', max.registerPerIp)]),
    refresh: hook([perIp('refresh:ip', max.refreshPerIp)]),
    // Confirming the password with a stolen access token is guessing it: same budget as login.
    passwordConfirmation: hook([
      {
        name: 'password:user',
        max: max.loginPerAccount,
        windowMs,
        key: (request) => String(request.auth.userId),
      },
    ]),
  };
}
