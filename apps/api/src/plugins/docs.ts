import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemRef, ProblemSchema } from '../shared/schemas.js';
import { PROMETHEUS_PATH } from './prometheus.js';

export const API_TAGS = [
  { name: 'system', description: 'Service information, liveness and readiness' },
  { name: 'authentication', description: 'Accounts, sessions and personal access tokens' },
  { name: 'tasks', description: 'Tasks with status, priority, category, tags and due dates' },
  { name: 'time', description: 'Timers, time entries and exports' },
  { name: 'analytics', description: 'Metrics computed from your tasks and tracked time' },
  { name: 'workspaces', description: 'Workspaces, their members and invitations' },
  {
    name: 'projects',
    description: 'Projects inside a workspace: colour, description, budget and time tracked',
  },
  {
    name: 'activity',
    description: 'Editor heartbeats through the WakaTime-compatible API (/compat/wakatime/v1)',
  },
];

/** The routes that never query the database, so never answer 503 `database_unavailable`. */
const NO_DATABASE_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/hello',
  '/time',
  '/health',
  '/openapi.json',
  PROMETHEUS_PATH,
]);

const touchesDatabase = (url: string): boolean =>
  !NO_DATABASE_ROUTES.has(url) && url !== '/docs' && !url.startsWith('/docs/');

/**
 * Documents 503 on every route that touches the database, so no route can forget it. Idempotent:
 * a route that declares 503 itself (such as /ready) keeps its entry.
 */
function documentUnavailable(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (schema?.response === undefined || schema.hide === true || !touchesDatabase(route.url)) return;
  schema.response[503] ??= ProblemRef;
}

export interface DocsOptions {
  version: string;
}

/** OpenAPI 3.1 generated from the route schemas, Swagger UI at /docs and the document at /openapi.json. */
export default fp<DocsOptions>(
  async function docsPlugin(app: FastifyInstance, opts) {
    app.addSchema(ProblemSchema);
    // Before the feature modules register their routes (app.ts registers this plugin first).
    app.addHook('onRoute', documentUnavailable);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'DevTrackr API',
          version: opts.version,
          description:
            'Self-hostable task and time tracker for developers. Errors are RFC 9457 problem+json ' +
            'documents with a stable `code`; validation failures are 422 with one entry per field.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        tags: API_TAGS,
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT or dtk_ personal access token',
            },
            oauth2Password: {
              type: 'oauth2',
              description:
                'Log in at /auth/login for a JWT access token (HS256 pinned; exp, iss and aud ' +
                'checked), following RFC8725.',
              flows: { password: { tokenUrl: '/auth/login', scopes: {} } },
            },
          },
        },
      },
      // Keep shared schemas under their own names (components.schemas.Problem), not def-0.
      refResolver: {
        buildLocalReference(json, _baseUri, _fragment, i) {
          return typeof json.$id === 'string' ? json.$id : `def-${i}`;
        },
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { persistAuthorization: true, deepLinking: true },
    });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'docs' },
);
