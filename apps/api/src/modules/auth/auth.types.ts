import type { Scope } from './scopes.js';

/** Who is calling, set on the request by `app.authenticate(...)` (plugins/auth.ts). */
export interface AuthContext {
  userId: number;
  /** The login session (sid) for access tokens; null for personal access tokens. */
  sessionId: number | null;
  /** The personal access token id; null for access tokens. */
  tokenId: number | null;
  /** null = every scope (a login session); otherwise the token's scopes. */
  scopes: readonly Scope[] | null;
  /** The one workspace a personal access token is limited to; null = all of the user's. */
  workspaceId: number | null;
  /** When the credential in hand expires: the JWT's exp, or the token's expiry (null = never). */
  expiresAt: Date | null;
}
