import { AppError } from '../../shared/errors.js';

/** Scopes a personal access token can carry. Session (login) tokens have every scope. */
export const SCOPES = [
  'tasks:read',
  'tasks:write',
  'time:read',
  'time:write',
  'metrics:read',
  // Editor heartbeats through the WakaTime-compatible API (issue 17): the api_key in an
  // editor's ~/.wakatime.cfg is a token with this scope alone.
  'activity:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a route requires:
 * - a scope: a login session, or a personal access token carrying that scope;
 * - `account`: the account and token endpoints, which a personal access token never grants,
 *   whatever its scopes;
 * - `any`: any valid token, whatever its scopes. Only GET and DELETE /auth/tokens/current use
 *   it, so a script can ask which token it holds and revoke it (logout); do not use it for
 *   routes that read or change data.
 */
export type Requirement = Scope | 'account' | 'any';

/** The 403 for a token that lacks what a route or a field needs. */
export function insufficientScope(requirement: Scope | 'account'): AppError {
  if (requirement === 'account') {
    return new AppError('insufficient_scope', {
      detail: 'Personal access tokens cannot use the account and token endpoints; log in instead.',
      extensions: { required_scope: 'account' },
      headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' },
    });
  }
  return new AppError('insufficient_scope', {
    detail: `This token lacks the ${requirement} scope.`,
    extensions: { required_scope: requirement },
    headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${requirement}"` },
  });
}

/** Throws unless `scopes` (null: a login session, which has every scope) grants `scope`. */
export function requireScope(scopes: readonly Scope[] | null, scope: Scope): void {
  if (scopes !== null && !scopes.includes(scope)) throw insufficientScope(scope);
}
