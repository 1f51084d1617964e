import { createSigner, createVerifier } from 'fast-jwt';

export interface AccessClaims {
  sub: string;
  sid: number;
  typ: 'access';
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export interface JwtOptions {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs and verifies access tokens. The accepted algorithm list is pinned to HS256. */
export class AccessTokens {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => unknown;

  constructor(private readonly options: JwtOptions) {
    this.sign = createSigner({
      key: options.secret,
      algorithm: 'HS256',
      iss: options.issuer,
      aud: options.audience,
      expiresIn: options.ttlSeconds * 1000,
    });
    this.verifier = createVerifier({
      key: options.secret,
      algorithms: ['HS256'],
      allowedIss: options.issuer,
      allowedAud: options.audience,
      requiredClaims: ['sub', 'sid', 'typ', 'exp', 'iat', 'iss', 'aud'],
      // Verified tokens are cached (keyed by the whole token), which keeps the auth step cheap.
      cache: 10_000,
      cacheTTL: 60_000,
    });
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  issue(userId: number, sessionId: number): string {
    return this.sign({ sub: String(userId), sid: sessionId, typ: 'access' });
  }

  /** Returns the claims, or undefined for any token that is not a valid access token. */
  verify(token: string): AccessClaims | undefined {
    try {
      const claims = this.verifier(token) as Partial<AccessClaims>;
      if (
        claims.typ !== 'access' ||
        typeof claims.sid !== 'number' ||
        typeof claims.sub !== 'string'
      ) {
        return undefined;
      }
      if (!/^\d+$/.test(claims.sub)) return undefined;
      return claims as AccessClaims;
    } catch {
      return undefined;
    }
  }
}

export const REFRESH_TOKEN_PREFIX = 'dtr_';
export const PERSONAL_TOKEN_PREFIX = 'dtk_';

export { hashToken, newOpaqueToken } from '../../shared/opaque-token.js';
