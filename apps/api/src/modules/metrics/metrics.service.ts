import type { Db, DbOrTx } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { notFound } from '../../shared/errors.js';
import * as estimatesRepo from './metrics-estimates.repository.js';
import * as seriesRepo from './metrics-series.repository.js';
import * as repo from './metrics.repository.js';
import * as teamRepo from './metrics-team.repository.js';
import {
  hoursOrNull,
  productivityScore,
  ratio,
  round,
  roundOrNull,
  toMinutes,
  trend,
} from './metrics.formulas.js';
import {
  daysBetween,
  resolvePeriod,
  resolveWeeklyPeriod,
  type Period,
  type PeriodInput,
} from './metrics.period.js';
import {
  EFFICIENCY_TASKS_LIMIT,
  type CategoriesResponse,
  type InsightsResponse,
  type PrioritiesResponse,
  type SummaryResponse,
  type TeamQuery,
  type TeamResponse,
  type TimeEfficiencyResponse,
  type TrendsResponse,
  type WeeklyQuery,
  type WeeklyResponse,
} from './metrics.schemas.js';
import { readOnly, type PeriodParams } from './metrics.sql.js';
import type { Scope } from './metrics.scope.js';
import { resolveScope, seesOthers, type ScopeQuery } from './metrics-scope.service.js';
import { requireMembership } from '../workspaces/access.service.js';
import { findUserCalendar, type UserCalendar } from '../auth/users.repository.js';
import type { Caller } from '../workspaces/access.service.js';

/** A metrics request's input: its period, and optionally whose figures (metrics.scope.ts). */
export type MetricsInput = PeriodInput & ScopeQuery;

/** Tasks an estimate-correction model needs before it makes numbers. */
export const INSIGHTS_MIN_SAMPLE = 5;
/** |actual − estimate| ≤ 10 % of the estimate counts as on estimate. */
export const ON_ESTIMATE_TOLERANCE = 0.1;

/**
 * Read-only analytics. Each use case is one SQL statement, plus a primary-key lookup of the
 * profile time zone when `tz` is not given, in one transaction: one snapshot, so the figures of
 * a response agree with each other.
 */
export class MetricsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private async period(tx: DbOrTx, userId: number, input: PeriodInput): Promise<Period> {
    return resolvePeriod(input, await profileTimezone(tx, userId, input.tz), this.clock());
  }

  /** The period (422 first, as before scopes existed), then the scope (404/403). */
  private async prepare(
    tx: DbOrTx,
    caller: Caller,
    input: MetricsInput,
  ): Promise<{ period: Period; params: PeriodParams }> {
    const period = await this.period(tx, caller.userId, input);
    const scope = await resolveScope(tx, caller, input);
    return { period, params: MetricsService.params(scope, period) };
  }

  private static params(scope: Scope, period: Period): PeriodParams {
    return {
      scope,
      tz: period.tz,
      from: period.from,
      to: period.to,
      now: period.now,
      ...(period.startAt ? { start: period.startAt } : {}),
      ...(period.endAt ? { end: period.endAt } : {}),
    };
  }

  private static echo(period: Period): { from: string; to: string; tz: string } {
    return { from: period.echo.from, to: period.echo.to, tz: period.tz };
  }

  async summary(caller: Caller, input: MetricsInput): Promise<SummaryResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const r = await repo.summary(tx, params);
      return {
        period: MetricsService.echo(period),
        tasks: {
          total: r.total,
          by_status: { todo: r.todo, doing: r.doing, done: r.done },
          by_priority: { low: r.low, medium: r.medium, high: r.high, urgent: r.urgent },
        },
        created_in_period: r.created,
        completed_in_period: r.completed,
        completion_rate: {
          period: ratio(r.completed, r.created),
          all_time_done_share: ratio(r.done, r.total),
        },
        tracked_minutes: toMinutes(r.tracked_seconds),
        worked_tasks: r.worked_tasks,
        estimated_minutes_of_worked_tasks: r.worked_estimated_minutes,
        overdue: r.overdue,
        median_cycle_time_hours: hoursOrNull(r.median_cycle_seconds),
      };
    });
  }

  async categories(caller: Caller, input: MetricsInput): Promise<CategoriesResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const rows = await repo.categories(tx, params);
      return {
        period: MetricsService.echo(period),
        categories: rows.map((r) => ({
          category: r.category,
          total: r.total,
          done: r.done,
          completion_rate: ratio(r.done, r.total),
          estimated_minutes: r.estimated_minutes,
          tracked_minutes: toMinutes(r.tracked_seconds),
          efficiency: ratio(r.efficiency_estimated, r.efficiency_actual),
          efficiency_tasks: r.efficiency_tasks,
        })),
      };
    });
  }

  async weekly(caller: Caller, input: WeeklyQuery): Promise<WeeklyResponse> {
    const userId = caller.userId;
    return readOnly(this.db, async (tx) => {
      // The week starts where the request says, else where the profile's week does.
      const { tz, week_start } = input;
      const profile =
        tz !== undefined && week_start !== undefined
          ? { timezone: tz, weekStart: week_start }
          : await profileCalendar(tx, userId);
      const period = resolveWeeklyPeriod(
        { ...input, week_start: week_start ?? profile.weekStart },
        tz ?? profile.timezone,
        this.clock(),
      );
      const scope = await resolveScope(tx, caller, input);
      const rows = await seriesRepo.weekly(tx, {
        ...MetricsService.params(scope, period),
        weekStart: period.weekStart,
      });
      return {
        period: MetricsService.echo(period),
        week_start: period.weekStart,
        weeks: rows.map((r) => {
          const { score, components } = productivityScore({
            days: r.days,
            completed: r.completed,
            accuracyTasks: r.accuracy_tasks,
            accuracySum: r.accuracy_sum,
            activeDays: r.active_days,
          });
          return {
            week_start: r.week_start,
            from: r.from,
            to: r.to,
            days: r.days,
            created: r.created,
            completed: r.completed,
            tracked_minutes: toMinutes(r.tracked_seconds),
            active_days: r.active_days,
            productivity_score: score,
            components,
          };
        }),
      };
    });
  }

  async timeEfficiency(caller: Caller, input: MetricsInput): Promise<TimeEfficiencyResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const rows = await estimatesRepo.timeEfficiency(tx, params, EFFICIENCY_TASKS_LIMIT);
      const figures = (r: estimatesRepo.EfficiencyRow) => ({
        tasks: r.tasks,
        estimated_minutes: r.estimated_minutes,
        actual_minutes: r.actual_minutes,
        accuracy: r.accuracy === null ? null : round(r.accuracy * 100, 2),
        median_ratio: roundOrNull(r.median_ratio, 4),
        under: r.under,
        on: r.on_estimate,
        over: r.over,
      });
      const overall = rows.find((r) => r.overall);
      if (!overall) throw new Error('time-efficiency query returned no overall row');
      return {
        period: MetricsService.echo(period),
        on_estimate_tolerance: ON_ESTIMATE_TOLERANCE,
        overall: figures(overall),
        categories: rows
          .filter((r) => !r.overall)
          .map((r) => ({ category: r.category ?? 'uncategorized', ...figures(r) })),
        tasks: overall.sample ?? [],
        tasks_total: overall.tasks,
      };
    });
  }

  async trends(caller: Caller, input: MetricsInput): Promise<TrendsResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const rows = await seriesRepo.trends(tx, params);
      const first = rows[0];
      return {
        period: MetricsService.echo(period),
        days: rows.map((r) => ({
          date: r.date,
          created: r.created,
          completed: r.completed,
          tracked_minutes: toMinutes(r.tracked_seconds),
          completed_avg_7d: round(r.completed_avg_7d, 2),
          tracked_minutes_avg_7d: round(r.tracked_seconds_avg_7d / 60, 2),
        })),
        trend: trend(first?.slope ?? null, first?.mean ?? 0, daysBetween(period.from, period.to)),
      };
    });
  }

  async priorities(caller: Caller, input: MetricsInput): Promise<PrioritiesResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const rows = await repo.priorities(tx, params);
      return {
        period: MetricsService.echo(period),
        priorities: rows.map((r) => ({
          priority: r.priority,
          open: r.open,
          done: r.done,
          overdue: r.overdue,
          median_cycle_time_hours: hoursOrNull(r.median_cycle_seconds),
          tracked_minutes: toMinutes(r.tracked_seconds),
        })),
      };
    });
  }

  /**
   * The team view of one workspace: per member, per project, and the time on tasks without a
   * project. A member or viewer who may not see the others' time gets only their own member
   * row; project and unassigned totals are everyone's (totals without names, issue 15).
   */
  async team(caller: Caller, input: TeamQuery): Promise<TeamResponse> {
    return readOnly(this.db, async (tx) => {
      const period = await this.period(tx, caller.userId, input);
      const membership = await requireMembership(tx, caller, input.workspace_id);
      const scope: Scope = {
        workspaceIds: [input.workspace_id],
        taskUserId: null,
        entryUserId: null,
        projectId: null,
      };
      const params = MetricsService.params(scope, period);
      const only = seesOthers(membership) ? null : caller.userId;
      const r = await teamRepo.team(tx, params, input.workspace_id, only);
      return {
        period: MetricsService.echo(period),
        members: r.members.map((m) => ({
          user_id: m.user_id,
          full_name: m.full_name,
          email: m.email,
          tracked_minutes: toMinutes(m.tracked_seconds),
          tasks_completed: m.tasks_completed,
          estimate_accuracy: m.accuracy === null ? null : round(m.accuracy * 100, 2),
        })),
        projects: r.projects.map((p) => ({
          project_id: p.project_id,
          name: p.name,
          color: p.color,
          tracked_minutes: toMinutes(p.tracked_seconds),
          budget_minutes: p.budget_minutes,
          budget_used_percent:
            p.budget_minutes === null
              ? null
              : round((p.all_time_minutes / p.budget_minutes) * 100, 1),
        })),
        unassigned: { tracked_minutes: toMinutes(r.unassigned_seconds) },
      };
    });
  }

  async insights(caller: Caller, input: MetricsInput): Promise<InsightsResponse> {
    return readOnly(this.db, async (tx) => {
      const { period, params } = await this.prepare(tx, caller, input);
      const rows = await estimatesRepo.insights(tx, params, INSIGHTS_MIN_SAMPLE);
      const overall = rows.find((r) => r.overall);
      if (!overall) throw new Error('insights query returned no overall row');
      return {
        period: MetricsService.echo(period),
        min_sample: INSIGHTS_MIN_SAMPLE,
        overall: model(overall),
        categories: rows
          .filter((r) => !r.overall)
          .map((r) => ({
            category: r.category ?? 'uncategorized',
            model: model(r),
            forecast: { ratio_source: r.ratio_source, ...forecast(r) },
          })),
        forecast: forecast(overall),
      };
    });
  }
}

/** The time zone of the request: `tz` when given (validated later), else the profile's. */
async function profileTimezone(
  tx: DbOrTx,
  userId: number,
  tz: string | undefined,
): Promise<string> {
  return tz ?? (await profileCalendar(tx, userId)).timezone;
}

async function profileCalendar(tx: DbOrTx, userId: number): Promise<UserCalendar> {
  const profile = await findUserCalendar(tx, userId);
  if (profile === undefined) throw notFound('The user does not exist.');
  return profile;
}

/** Below the threshold a model shows its sample size and says so; it never shows quartiles. */
function model(r: estimatesRepo.InsightRow): InsightsResponse['overall'] {
  const enough = r.sample_size >= INSIGHTS_MIN_SAMPLE;
  return {
    sample_size: r.sample_size,
    enough_data: enough,
    message: enough
      ? null
      : `not enough data: ${r.sample_size} of the ${INSIGHTS_MIN_SAMPLE} tasks needed`,
    median_ratio: enough ? roundOrNull(r.median, 4) : null,
    q1_ratio: enough ? roundOrNull(r.q1, 4) : null,
    q3_ratio: enough ? roundOrNull(r.q3, 4) : null,
  };
}

function forecast(r: estimatesRepo.InsightRow): InsightsResponse['forecast'] {
  const some = r.forecast_tasks > 0;
  return {
    open_estimated_tasks: r.open_tasks,
    forecast_tasks: r.forecast_tasks,
    estimated_minutes: Math.round(r.estimated_minutes),
    tracked_minutes: Math.round(r.tracked_minutes),
    naive_remaining_minutes: Math.round(r.naive_remaining_minutes),
    remaining_minutes:
      some && r.remaining_minutes !== null ? Math.round(r.remaining_minutes) : null,
    low_minutes: some && r.low_minutes !== null ? Math.round(r.low_minutes) : null,
    high_minutes: some && r.high_minutes !== null ? Math.round(r.high_minutes) : null,
  };
}
