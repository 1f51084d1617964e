import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
  onSendHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { IdempotencyService } from '../modules/idempotency/idempotency.service.js';
import { validationError } from '../shared/errors.js';
import { problems } from '../shared/schemas.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a POST route into Idempotency-Key handling (it must authenticate the caller). */
    idempotency?: boolean;
  }
  interface FastifyRequest {
    /** The key this request claimed; settled (stored or released) when its response is sent. */
    idempotencyClaim: { userId: number; key: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Visible ASCII, as UUIDs and the usual client-generated keys are. */
const KEY_PATTERN = '^[\\x21-\\x7E]{1,255}$';
const KEY_REGEX = new RegExp(KEY_PATTERN);

/** Response headers replayed with the stored body; the rest (request id, limits) are per request. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'last-modified'];

const HEADER_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: KEY_PATTERN,
  description:
    'Optional, unique per request (a UUID). A retry with the same key and body within 24 h ' +
    'returns the first response (with `Idempotent-Replayed: true`) and creates nothing; the same ' +
    'key with a different body is a 422 `idempotency_key_reused`; while the first request runs, ' +
    'a 409. Only 2xx responses are remembered: after an error the key can be retried.',
};

interface MutableSchema {
  headers?: { type?: string; properties?: Record<string, unknown>; [k: string]: unknown };
  response?: Record<string | number, unknown>;
  [k: string]: unknown;
}

/** Documents the header and the extra statuses on every opted-in route, so the spec says so. */
function documentRoute(route: RouteOptions): void {
  const schema = (route.schema ?? {}) as MutableSchema;
  const headers = schema.headers ?? { type: 'object' };
  schema.headers = {
    ...headers,
    properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: HEADER_SCHEMA },
  };
  if (schema.response) {
    for (const [status, ref] of Object.entries(problems(409, 422))) {
      schema.response[status] ??= ref;
    }
  }
  route.schema = schema;
}

function pickHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
  }
  return out;
}

/**
 * `Idempotency-Key` for routes that set `config: { idempotency: true }`. The check runs as a
 * preHandler, after authentication (keys are per user) and validation (the body hash is taken
 * over the validated body). The response is stored in onSend, once it is known: 2xx responses
 * are kept for 24 h, anything else releases the key. The stored response is written after the
 * route's own transaction committed, so a process dying between the two leaves an in-flight
 * claim, taken over after `staleAfterMs`; that narrow window is the one case a retry can run twice.
 */
export default fp(
  function idempotencyPlugin(app: FastifyInstance) {
    // Longer than any request may run, so a live request's claim is never taken over.
    const staleAfterMs = Math.max(60_000, 2 * app.config.http.requestTimeoutMs);
    const service = new IdempotencyService(app.database.db, app.clock, staleAfterMs);
    app.decorateRequest('idempotencyClaim', null);

    /** Claims the key, or replays the stored response (then answers true: the reply is sent). */
    const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (key === undefined) return false;
      if (typeof key !== 'string' || !KEY_REGEX.test(key)) {
        throw validationError(
          `header.${IDEMPOTENCY_HEADER}`,
          'must be 1 to 255 visible ASCII characters',
        );
      }
      // request.auth is null on a route that forgot to authenticate: a programming error.
      const userId = (request.auth as { userId: number } | null)?.userId;
      if (userId === undefined) throw new Error('idempotency needs an authenticated route');
      const outcome = await service.begin({
        userId,
        key,
        method: request.method,
        path: request.url,
        body: request.body,
      });
      if (outcome.kind === 'replay') {
        // Not awaited: a reply is thenable, settling only once the response has gone out.
        void reply
          .code(outcome.statusCode)
          .headers({ ...outcome.headers, 'idempotent-replayed': 'true' })
          .send(outcome.body);
        return true;
      }
      request.idempotencyClaim = { userId, key };
      return false;
    };

    const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claim = request.idempotencyClaim;
      if (claim === null) return payload;
      request.idempotencyClaim = null;
      const body =
        typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString('utf8')
            : undefined;
      try {
        if (reply.statusCode >= 200 && reply.statusCode < 300 && body !== undefined) {
          await service.complete(claim.userId, claim.key, {
            statusCode: reply.statusCode,
            headers: pickHeaders(reply.getHeaders()),
            body,
          });
        } else {
          await service.release(claim.userId, claim.key);
        }
      } catch (err) {
        // The request itself is done (and maybe committed): answer it; the claim goes stale.
        request.log.warn(
          { err: { message: (err as Error).message } },
          'could not settle the idempotency key',
        );
      }
      return payload;
    };

    // Callback-style entry points: a request without the header (most of them) passes through
    // without a promise. A replayed response is sent from preHandler, which then must not
    // call done (the route handler is skipped).
    const preHandlerHook: preHandlerHookHandler = (request, reply, done) => {
      if (request.headers[IDEMPOTENCY_HEADER] === undefined) {
        done();
        return;
      }
      preHandler(request, reply).then((replayed) => {
        if (!replayed) done();
      }, done);
    };
    const onSendHook: onSendHookHandler = (request, reply, payload, done) => {
      if (request.idempotencyClaim === null) {
        done(null, payload);
        return;
      }
      onSend(request, reply, payload).then((settled) => {
        done(null, settled);
      }, done);
    };

    // Only the opted-in routes carry the hooks, so every other request skips them entirely.
    app.addHook('onRoute', (route) => {
      if (route.config?.idempotency !== true) return;
      documentRoute(route);
      route.preHandler = [...[route.preHandler ?? []].flat(), preHandlerHook];
      route.onSend = [...[route.onSend ?? []].flat(), onSendHook];
    });
  },
  { name: 'idempotency', dependencies: ['auth', 'errors'] },
);
