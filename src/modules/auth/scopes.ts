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
 * What a route requires: a scope, or `account` for the account and token endpoints, which a
 * personal access token never grants, whatever its scopes.
 */
export type Requirement = Scope | 'account';
