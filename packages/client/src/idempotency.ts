import type { Middleware } from 'openapi-fetch';
import { idempotentOperations } from './generated/operations.js';

// "METHOD /path" of the operations whose spec declares an Idempotency-Key header.
const operations = new Set<string>(idempotentOperations);

/**
 * Gives every call to an idempotent operation a random Idempotency-Key unless the caller set
 * one. It is set here, once per call and before the request is cloned for a 401 retry, so the
 * SDK's own retry presents the same key and the API replays instead of creating twice. To make
 * your own retries safe too, pass your own key (params.header['idempotency-key']).
 */
export const idempotencyKeys: Middleware = {
  onRequest({ request, schemaPath }) {
    if (
      operations.has(`${request.method} ${schemaPath}`) &&
      !request.headers.has('idempotency-key')
    ) {
      request.headers.set('idempotency-key', crypto.randomUUID());
    }
    return undefined;
  },
};
