import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque secrets (refresh tokens, personal access tokens, invitation tokens): 256 bits from the
 * CSPRNG, URL-safe, with a prefix that tells secret scanners what it is.
 */
export function newOpaqueToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Opaque tokens carry 256 bits of entropy, so a fast hash is enough (no dictionary to attack);
 * only the hash is stored.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
