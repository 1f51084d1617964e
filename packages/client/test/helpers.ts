import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import {
  createClient,
  DevTrackrError,
  type ClientOptions,
  type DevTrackrClient,
  type ProblemCode,
} from '../src/index.js';

export const apiUrl = (): string => inject('apiUrl');

export const PASSWORD = 'analytical-engine-1843';

/** Registers a fresh user (tests never share data) and returns its email. */
export async function registerUser(): Promise<string> {
  const email = `sdk-${randomUUID()}@example.com`;
  await createClient({ baseUrl: apiUrl() }).POST('/auth/register', {
    body: { email, password: PASSWORD },
  });
  return email;
}

/** A fresh user and a client logged in as them (email/password session). */
export async function sessionClient(
  options: Partial<ClientOptions> = {},
): Promise<{ client: DevTrackrClient; email: string }> {
  const email = await registerUser();
  const client = createClient({
    baseUrl: apiUrl(),
    session: { email, password: PASSWORD },
    ...options,
  });
  return { client, email };
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
}

/** A fetch that records every request (method, path, headers) before passing it on. */
export function recordingFetch(inner: (request: Request) => Promise<Response> = (r) => fetch(r)): {
  fetch: (request: Request) => Promise<Response>;
  seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  return {
    seen,
    fetch: (request) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        headers: new Headers(request.headers),
      });
      return inner(request);
    },
  };
}

/** Tokens for a fresh user, straight from POST /auth/login. */
export async function loginTokens(email: string) {
  const { data } = await createClient({ baseUrl: apiUrl() }).POST('/auth/login', {
    body: { email, password: PASSWORD },
  });
  return data;
}

/** A problem+json answer as the API sends it, for fake fetches. */
export function problemResponse(
  status: number,
  code: ProblemCode,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: 'about:blank', title: code, status, detail: `${code} (fake)`, code },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

/** The DevTrackrError the SDK would throw for such an answer (or for no answer, status 0). */
export function apiError(status: number, code: DevTrackrError['code']): DevTrackrError {
  return new DevTrackrError({ status, code, title: code, detail: `${code} (fake)` });
}
