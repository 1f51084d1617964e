import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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

const tags = ['analytics'];
const errors = problems(401, 403, 404, 422, 503);

const metricsRoutes: FastifyPluginAsyncTypebox = (app) => {
  const service = new MetricsService(app.database.db, app.clock);
  const onRequest = app.authenticate('metrics:read');

  app.get(
    '/metrics/summary',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsSummary',
        tags,
        summary: 'Task counts, completion, tracked time, overdue and cycle time',
        description: DESCRIPTIONS.summary,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: SummaryResponse, ...errors },
      },
    },
    (request) => service.summary(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/categories',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsCategories',
        tags,
        summary: 'Per category: tasks, completion, estimates, tracked time and efficiency',
        description: DESCRIPTIONS.categories,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: CategoriesResponse, ...errors },
      },
    },
    (request) => service.categories(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/weekly',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsWeekly',
        tags,
        summary: 'Per local week: created, completed, tracked time and a productivity score',
        description: DESCRIPTIONS.weekly,
        security: BEARER_SECURITY,
        querystring: WeeklyQuery,
        response: { 200: WeeklyResponse, ...errors },
      },
    },
    (request) => service.weekly(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/time-efficiency',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsTimeEfficiency',
        tags,
        summary: 'Estimate accuracy of done tasks, overall and per category',
        description: DESCRIPTIONS.timeEfficiency,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: TimeEfficiencyResponse, ...errors },
      },
    },
    (request) => service.timeEfficiency(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/productivity-trends',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsProductivityTrends',
        tags,
        summary: 'Per local day: created, completed, tracked time; completion trend',
        description: DESCRIPTIONS.trends,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: TrendsResponse, ...errors },
      },
    },
    (request) => service.trends(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/priorities',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsPriorities',
        tags,
        summary: 'Per priority: open, done, overdue, cycle time and tracked time',
        description: DESCRIPTIONS.priorities,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: PrioritiesResponse, ...errors },
      },
    },
    (request) => service.priorities(request.auth.userId, request.query),
  );

  app.get(
    '/metrics/insights',
    {
      onRequest,
      schema: {
        operationId: 'getMetricsInsights',
        tags,
        summary: 'Estimate-correction model per category and a remaining-work forecast',
        description: DESCRIPTIONS.insights,
        security: BEARER_SECURITY,
        querystring: PeriodQuery,
        response: { 200: InsightsResponse, ...errors },
      },
    },
    (request) => service.insights(request.auth.userId, request.query),
  );

  return Promise.resolve();
};

export default metricsRoutes;
