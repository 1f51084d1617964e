import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { BEARER_SECURITY, problems } from '../../shared/schemas.js';
import { DESCRIPTIONS } from './metrics.descriptions.js';
import {
  CategoriesResponse,
  InsightsResponse,
  PeriodQuery,
  PrioritiesResponse,
  SummaryResponse,
  TeamQuery,
  TeamResponse,
  TimeEfficiencyResponse,
  TrendsResponse,
  WeeklyQuery,
  WeeklyResponse,
} from './metrics.schemas.js';
import { MetricsService } from './metrics.service.js';
import type { Caller } from '../workspaces/access.service.js';

/** One analytics endpoint: a GET whose only input is its query, answered by one service call. */
interface MetricsRoute<Q extends TObject, R extends TSchema> {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: Q;
  response: R;
  // Method syntax, so a table of routes with different query types is one array type.
  run(service: MetricsService, caller: Caller, query: Static<Q>): Promise<Static<R>>;
}

const route = <Q extends TObject, R extends TSchema>(r: MetricsRoute<Q, R>) => r;

/** Every /metrics endpoint, in the order the OpenAPI document lists them. */
const ROUTES: readonly MetricsRoute<TObject, TSchema>[] = [
  route({
    path: '/metrics/summary',
    operationId: 'getMetricsSummary',
    summary: 'Task counts, completion, tracked time, overdue and cycle time',
    description: DESCRIPTIONS.summary,
    query: PeriodQuery,
    response: SummaryResponse,
    run: (s, caller, q) => s.summary(caller, q),
  }),
  route({
    path: '/metrics/categories',
    operationId: 'getMetricsCategories',
    summary: 'Per category: tasks, completion, estimates, tracked time and efficiency',
    description: DESCRIPTIONS.categories,
    query: PeriodQuery,
    response: CategoriesResponse,
    run: (s, caller, q) => s.categories(caller, q),
  }),
  route({
    path: '/metrics/weekly',
    operationId: 'getMetricsWeekly',
    summary: 'Per local week: created, completed, tracked time and a productivity score',
    description: DESCRIPTIONS.weekly,
    query: WeeklyQuery,
    response: WeeklyResponse,
    run: (s, caller, q) => s.weekly(caller, q),
  }),
  route({
    path: '/metrics/time-efficiency',
    operationId: 'getMetricsTimeEfficiency',
    summary: 'Estimate accuracy of done tasks, overall and per category',
    description: DESCRIPTIONS.timeEfficiency,
    query: PeriodQuery,
    response: TimeEfficiencyResponse,
    run: (s, caller, q) => s.timeEfficiency(caller, q),
  }),
  route({
    path: '/metrics/productivity-trends',
    operationId: 'getMetricsProductivityTrends',
    summary: 'Per local day: created, completed, tracked time; completion trend',
    description: DESCRIPTIONS.trends,
    query: PeriodQuery,
    response: TrendsResponse,
    run: (s, caller, q) => s.trends(caller, q),
  }),
  route({
    path: '/metrics/priorities',
    operationId: 'getMetricsPriorities',
    summary: 'Per priority: open, done, overdue, cycle time and tracked time',
    description: DESCRIPTIONS.priorities,
    query: PeriodQuery,
    response: PrioritiesResponse,
    run: (s, caller, q) => s.priorities(caller, q),
  }),
  route({
    path: '/metrics/insights',
    operationId: 'getMetricsInsights',
    summary: 'Estimate-correction model per category and a remaining-work forecast',
    description: DESCRIPTIONS.insights,
    query: PeriodQuery,
    response: InsightsResponse,
    run: (s, caller, q) => s.insights(caller, q),
  }),
  route({
    path: '/metrics/team',
    operationId: 'getMetricsTeam',
    summary: 'Per member and per project of a workspace: tracked time, completions, budgets',
    description: DESCRIPTIONS.team,
    query: TeamQuery,
    response: TeamResponse,
    run: (s, caller, q) => s.team(caller, q),
  }),
];

const tags = ['analytics'];
const errors = problems(401, 403, 404, 422, 503);

const metricsRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = new MetricsService(app.database.db, app.clock);
  const onRequest = app.authenticate('metrics:read');

  for (const r of ROUTES) {
    app.get(
      r.path,
      {
        onRequest,
        schema: {
          operationId: r.operationId,
          tags,
          summary: r.summary,
          description: r.description,
          security: BEARER_SECURITY,
          querystring: r.query,
          response: { 200: r.response, ...errors },
        },
      },
      (request) =>
        r.run(
          service,
          { userId: request.auth.userId, workspaceId: request.auth.workspaceId },
          request.query,
        ),
    );
  }

  return Promise.resolve();
};

export default metricsRoutes;
