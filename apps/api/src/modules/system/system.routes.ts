import accepts from '@fastify/accepts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problems } from '../../shared/schemas.js';
import { VERSION } from '../../shared/version.js';
import {
  HealthResponse,
  HelloQuery,
  HelloResponse,
  ReadyResponse,
  RootResponse,
  SeeWebApp,
  TimeQuery,
  TimeResponse,
} from './system.schemas.js';
import { checkReady, currentTime, greeting } from './system.service.js';

const tags = ['system'];

/** Where a browser that asks for the root is sent: the web app (plugins/web-app.ts). */
const WEB_APP_URL = '/app/';

const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(accepts);

  app.get(
    '/',
    {
      schema: {
        operationId: 'getServiceInfo',
        tags,
        summary: 'Service name, version and where the docs are',
        description:
          'No authentication. Links to Swagger UI (`/docs`) and the OpenAPI document. A client ' +
          'that prefers `text/html` to `application/json` (a browser: `text/html,…,*/*;q=0.8`) is ' +
          'sent to the web app with 303 See Other; `application/json`, `*/*` or no `Accept` get ' +
          'the JSON.',
        response: { 200: RootResponse, 303: SeeWebApp },
      },
    },
    async (request, reply) => {
      // The answer depends on Accept: no cache may hand a browser's redirect to an API client.
      reply.header('vary', 'Accept');
      // Ties go to JSON (listed first): `*/*` and a missing Accept keep the API's answer.
      if (request.accepts().type(['application/json', 'text/html']) === 'text/html') {
        return reply.redirect(WEB_APP_URL, 303);
      }
      return reply.send({
        name: 'DevTrackr',
        version: VERSION,
        docs: '/docs',
        openapi: '/openapi.json',
      });
    },
  );

  app.get(
    '/hello',
    {
      schema: {
        operationId: 'hello',
        tags,
        summary: 'Greet someone',
        description: 'No authentication. `Hello, <name>!`, or `Hello, World!` without a name.',
        querystring: HelloQuery,
        response: { 200: HelloResponse, ...problems(422) },
      },
    },
    (request) => ({ message: greeting(request.query.name) }),
  );

  app.get(
    '/time',
    {
      schema: {
        operationId: 'getTime',
        tags,
        summary: 'The server time in UTC',
        description:
          'No authentication. `format=iso` (default) gives an RFC 3339 string, `format=seconds` ' +
          'integer epoch seconds.',
        querystring: TimeQuery,
        response: { 200: TimeResponse, ...problems(422) },
      },
    },
    (request) => currentTime(app.clock, request.query.format ?? 'iso'),
  );

  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags,
        summary: 'Liveness: the process answers (no database call)',
        description:
          "For an orchestrator's liveness probe: never rate limited or shed under load, so a busy " +
          'process is not restarted for being busy.',
        response: { 200: HealthResponse },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReady',
        tags,
        summary: 'Readiness: the database answers a round trip',
        description:
          'For a load balancer: 503 `database_unavailable` when the database does not answer, and ' +
          '503 `server_busy` while the process sheds load, which takes it out of rotation.',
        response: { 200: ReadyResponse, ...problems(503) },
      },
    },
    async () => {
      await checkReady(app.database);
      return { status: 'ready' as const };
    },
  );
};

export default systemRoutes;
