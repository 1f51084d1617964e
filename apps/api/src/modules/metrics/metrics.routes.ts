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
  TimeEfficiencyResponse,
  TrendsResponse,
  WeeklyQuery,
  WeeklyResponse,
} from './metrics.schemas.js';
import { MetricsService } from './metrics.service.js';

/** One analytics endpoint: a GET whose only input is its query, answered by one service call. */
interface MetricsRoute<Q extends TObject, R extends TSchema> {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: Q;
  response: R;
  // Method syntax, so a table of routes with different query types is one array type.
  run(service: MetricsService, userId: number, query: Static<Q>): Promise<Static<R>>;
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
    run: (s, userId, q) => s.summary(userId, q),
  }),
  route({
    path: '/metrics/categories',
    operationId: 'getMetricsCategories',
    summary: 'Per category: tasks, completion, estimates, tracked time and efficiency',
    description: DESCRIPTIONS.categories,
    query: PeriodQuery,
    response: CategoriesResponse,
    run: (s, userId, q) => s.categories(userId, q),
  }),
  route({
    path: '/metrics/weekly',
    operationId: 'getMetricsWeekly',
    summary: 'Per local week: created, completed, tracked time and a productivity score',
    description: DESCRIPTIONS.weekly,
    query: WeeklyQuery,
    response: WeeklyResponse,
    run: (s, userId, q) => s.weekly(userId, q),
  }),
  route({
    path: '/metrics/time-efficiency',
    operationId: 'getMetricsTimeEfficiency',
    summary: 'Estimate accuracy of done tasks, overall and per category',
    description: DESCRIPTIONS.timeEfficiency,
    query: PeriodQuery,
    response: TimeEfficiencyResponse,
    run: (s, userId, q) => s.timeEfficiency(userId, q),
  }),
  route({
    path: '/metrics/productivity-trends',
    operationId: 'getMetricsProductivityTrends',
    summary: 'Per local day: created, completed, tracked time; completion trend',
    description: DESCRIPTIONS.trends,
    query: PeriodQuery,
    response: TrendsResponse,
    run: (s, userId, q) => s.trends(userId, q),
  }),
  route({
    path: '/metrics/priorities',
    operationId: 'getMetricsPriorities',
    summary: 'Per priority: open, done, overdue, cycle time and tracked time',
    description: DESCRIPTIONS.priorities,
    query: PeriodQuery,
    response: PrioritiesResponse,
    run: (s, userId, q) => s.priorities(userId, q),
  }),
  route({
    path: '/metrics/insights',
    operationId: 'getMetricsInsights',
    summary: 'Estimate-correction model per category and a remaining-work forecast',
    description: DESCRIPTIONS.insights,
    query: PeriodQuery,
    response: InsightsResponse,
    run: (s, userId, q) => s.insights(userId, q),
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
      (request) => r.run(service, request.auth.userId, request.query),
    );
  }

  return Promise.resolve();
};

export default metricsRoutes;
