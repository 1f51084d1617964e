/** Scopes a personal access token can carry. Session (login) tokens have every scope. */
export const SCOPES = [
  'tasks:read',
  'tasks:write',
  'time:read',
  'time:write',
  'metrics:read',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a route requires:
 * - a scope: a login session, or a personal access token carrying that scope;
 * - `account`: the account and token endpoints, which a personal access token never grants,
 *   whatever its scopes;
 * - `any`: any valid token, whatever its scopes. Only GET /auth/tokens/current uses it, so a
 *   script can ask which token it holds; do not use it for routes that read or change data.
 */
export type Requirement = Scope | 'account' | 'any';
