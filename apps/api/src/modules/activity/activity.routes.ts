import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { BEARER_SECURITY as security, problems } from '../../shared/schemas.js';
import {
  HEARTBEAT_FIELDS,
  HeartbeatBody,
  HeartbeatsBulkBody,
  HeartbeatsResponse,
  MAX_BULK_ITEMS,
  StatusbarResponse,
} from './activity.schemas.js';
import { ActivityService, type IngestContext } from './activity.service.js';
import { asUnauthorized, normalizeAuthorization } from './wakatime-auth.js';

const tags = ['activity'];
const PREFIX = '/compat/wakatime/v1';

const AUTH =
  ' Set `api_url = http://HOST:8000/compat/wakatime/v1` and `api_key = dtk_…` (a personal ' +
  'access token with the `activity:write` scope) in `~/.wakatime.cfg`. The key is taken as ' +
  'wakatime-cli sends it, `Authorization: Basic base64(api_key)` (the key alone, no colon), or ' +
  'as `Bearer <token>` or `Bearer base64(token)`. A missing, revoked or expired token, or one ' +
  'without `activity:write`, is a 401 (wakatime-cli reads it as bad credentials).';

/** Header values kept from wakatime-cli's requests, bounded like every stored text. */
const header = (request: FastifyRequest, name: string): string | null => {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return null;
  // Node's HTTP parser refuses NUL in a header, so only the length needs bounding.
  return text.slice(0, 1024);
};

const contextOf = (request: FastifyRequest): IngestContext => ({
  userAgent: header(request, 'user-agent'),
  machine: header(request, 'x-machine-name'),
});

/** Editor heartbeats through WakaTime's API (issue 17). */
const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new ActivityService(app.database.db, app.clock);
  const check = app.authenticate('activity:write');
  // One token check (the auth plugin's): the WakaTime forms of the header are rewritten to the
  // bearer form first, and a scope or account refusal becomes the 401 wakatime-cli understands.
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    normalizeAuthorization(request);
    try {
      await check(request);
    } catch (err) {
      throw asUnauthorized(err);
    }
  };
  const ingest = (request: FastifyRequest, items: readonly unknown[]) =>
    service
      .ingest(request.auth.userId, items, contextOf(request))
      .then((responses) => ({ responses }));

  app.post(
    `${PREFIX}/users/current/heartbeats`,
    {
      onRequest: authenticate,
      schema: {
        operationId: 'createWakatimeHeartbeat',
        tags,
        summary: 'Send a heartbeat (WakaTime-compatible)',
        description:
          'One heartbeat object, or an array of them (as wakapi takes). Answers 201 with ' +
          '`{"responses": [[data, status], …]}`, one pair per heartbeat. ' +
          HEARTBEAT_FIELDS +
          AUTH,
        security,
        body: HeartbeatBody,
        response: { 201: HeartbeatsResponse, ...problems(400, 401, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const items = Array.isArray(request.body) ? request.body : [request.body];
      return reply.code(201).send(await ingest(request, items));
    },
  );

  app.post(
    `${PREFIX}/users/current/heartbeats.bulk`,
    {
      onRequest: authenticate,
      schema: {
        operationId: 'createWakatimeHeartbeats',
        tags,
        summary: 'Send heartbeats in bulk (WakaTime-compatible)',
        description:
          'What wakatime-cli sends: a JSON array of heartbeats (up to 25 from the CLI; at most ' +
          `${String(MAX_BULK_ITEMS)}; more is a 422 naming the limit). Answers 201 with ` +
          '`{"responses": [[data, status], …]}`, one pair per heartbeat, in order. ' +
          HEARTBEAT_FIELDS +
          AUTH,
        security,
        body: HeartbeatsBulkBody,
        response: { 201: HeartbeatsResponse, ...problems(400, 401, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await ingest(request, request.body)),
  );

  app.get(
    `${PREFIX}/users/current/statusbar/today`,
    {
      onRequest: authenticate,
      schema: {
        operationId: 'getWakatimeStatusbarToday',
        tags,
        summary: "Today's coding time for the editor's status bar (WakaTime-compatible)",
        description:
          "Today's total in the profile's time zone: heartbeats less than 15 minutes apart join " +
          'one span, a span ends at its last heartbeat, and the spans are summed ' +
          '(`grand_total.text` is what editors show, e.g. `2 hrs 30 mins`). `running_timer` is ' +
          "the running DevTrackr timer's task, or null." +
          AUTH,
        security,
        response: { 200: StatusbarResponse, ...problems(401) },
      },
    },
    async (request) =>
      service.statusbarToday({
        userId: request.auth.userId,
        workspaceId: request.auth.workspaceId,
      }),
  );
  return Promise.resolve();
};

export default activityRoutes;
