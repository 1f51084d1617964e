import { expect } from 'vitest';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import type { Database } from '../../src/db/types.js';

/** Thin HTTP wrappers for the auth endpoints, so tests read as the flow they check. */
export function authCalls(app: () => FastifyInstance) {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    bearer,
    login(email: string, password: string, remoteAddress?: string): Promise<Response> {
      return app().inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email, password },
        ...(remoteAddress ? { remoteAddress } : {}),
      });
    },
    refresh(refreshToken: string, remoteAddress?: string): Promise<Response> {
      return app().inject({
        method: 'POST',
        url: '/auth/refresh',
        payload: { refresh_token: refreshToken },
        ...(remoteAddress ? { remoteAddress } : {}),
      });
    },
    logout(refreshToken: string): Promise<Response> {
      return app().inject({
        method: 'POST',
        url: '/auth/logout',
        payload: { refresh_token: refreshToken },
      });
    },
    me(token: string): Promise<Response> {
      return app().inject({ url: '/auth/me', headers: bearer(token) });
    },
  };
}

/** The claims of a JWT, read without verifying it (tests build on a real token's sid). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Runs raw SQL on the test database and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(database: Database, query: SQL): Promise<T[]> {
  const result = (await database.db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** The 401 of a bad, expired or revoked token, with its RFC 6750 challenge. */
export function expectInvalidToken(res: {
  statusCode: number;
  headers: Record<string, unknown>;
}): void {
  expect(res.statusCode).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
}
