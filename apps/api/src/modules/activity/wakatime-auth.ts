import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { PERSONAL_TOKEN_PREFIX } from '../auth/tokens.js';

/**
 * wakatime-cli sends its api_key as `Authorization: Basic base64(api_key)`: the key alone, no
 * `user:` and no colon. wakapi also takes `Bearer base64(key)`, and a raw `Bearer <token>` is
 * what the rest of the API takes. This turns each into `Bearer <token>` so that the one token
 * check (CredentialService, through app.authenticate) decides; nothing here checks a token.
 */
export function bearerFromWakatime(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^(Basic|Bearer) +(\S+)$/i.exec(authorization.trim());
  if (!match) return authorization;
  const [, scheme = '', credential = ''] = match;
  if (scheme.toLowerCase() === 'bearer' && looksRaw(credential)) return `Bearer ${credential}`;
  const decoded = Buffer.from(credential, 'base64').toString('utf8').trim();
  // Undecodable or not a token: pass it on as sent, so the check refuses it with a 401.
  return `Bearer ${/^\S+$/.test(decoded) ? decoded : credential}`;
}

/** A dtk_ token or a JWT as sent (base64 of either contains neither `dtk_` nor dots). */
const looksRaw = (credential: string): boolean =>
  credential.startsWith(PERSONAL_TOKEN_PREFIX) || credential.includes('.');

/**
 * wakatime-cli knows 401 as "bad credentials" and has no meaning for 403: a token without the
 * `activity:write` scope, or a deactivated account, gets a 401 problem here.
 */
export function asUnauthorized(err: unknown): unknown {
  if (
    err instanceof AppError &&
    (err.code === 'insufficient_scope' || err.code === 'inactive_user')
  ) {
    return new AppError('invalid_token', {
      detail: `${err.message} Use a personal access token with the activity:write scope.`,
      headers: { 'www-authenticate': 'Basic realm="wakatime", charset="UTF-8"' },
    });
  }
  return err;
}

/** Rewrites the request's Authorization header to the bearer form the auth plugin checks. */
export function normalizeAuthorization(request: FastifyRequest): void {
  const bearer = bearerFromWakatime(request.headers.authorization);
  if (bearer !== undefined) request.headers.authorization = bearer;
}
