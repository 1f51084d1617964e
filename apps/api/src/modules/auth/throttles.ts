import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountSubject } from './auth.service.js';
import { rateLimitHook, type Limit } from './rate-limit.js';

type Hook = (request: FastifyRequest) => Promise<void>;

/** The login form sends `username`, the JSON body `email`; both name the account. */
function loginEmail(request: FastifyRequest): string | undefined {
  const body = request.body as { email?: unknown; username?: unknown } | undefined;
  const name = body?.email ?? body?.username;
  return typeof name === 'string' ? name : undefined;
}

/** Login attempts and password confirmations count against one budget per account. */
const ACCOUNT_LIMIT = 'login:account';

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
      {
        name: ACCOUNT_LIMIT,
        max: max.loginPerAccount,
        windowMs,
        // Keyed by the account the email resolves to, not by the text sent: every spelling that
        // finds the account (case, Unicode case folding) shares its one budget (issue 12, D3).
        key: (request) => {
          const email = loginEmail(request);
          return email === undefined ? undefined : app.authService.throttleSubject(email);
        },
      },
    ]),
    register: hook([perIp('register:ip', max.registerPerIp)]),
    refresh: hook([perIp('refresh:ip', max.refreshPerIp)]),
    // Confirming the password with a stolen access token is guessing it: same budget as login.
    passwordConfirmation: hook([
      {
        name: ACCOUNT_LIMIT,
        max: max.loginPerAccount,
        windowMs,
        key: (request) => accountSubject(request.auth.userId),
      },
    ]),
  };
}
