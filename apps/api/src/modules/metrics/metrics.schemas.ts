import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { PeriodBoundParam, TimezoneParam } from '../../shared/period.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const LocalDate = Type.String({ format: 'date', examples: ['2026-03-02'] });

const periodProps = {
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      description:
        'The period is the last N local days ending today (default 30). Not with from/to.',
      examples: [30],
    }),
  ),
  from: Type.Optional(PeriodBoundParam('Start of the period; requires `to`.', '2026-03-01')),
  to: Type.Optional(
    PeriodBoundParam(
      'End of the period; its last local day at most 366 days after the first.',
      '2026-03-31',
    ),
  ),
  tz: Type.Optional(
    TimezoneParam('IANA time zone of the local days; defaults to the profile time zone.'),
  ),
  week_start: Type.Optional(
    Type.Union([Type.Literal('monday'), Type.Literal('sunday')], {
      description: 'First day of a local week (default monday, ISO). Used by /metrics/weekly.',
    }),
  ),
};

const Id = (description: string) => Type.Integer({ minimum: 1, maximum: 2147483647, description });

/** Whose figures (issue 15): left out, the caller's own tasks and entries in every workspace. */
const scopeProps = {
  workspace_id: Type.Optional(
    Id(
      "Only this workspace's tasks and entries (its entries: yours only, unless your role or " +
        "the workspace's members_see_team_time lets you see the others' time). 404 when you " +
        'are not a member.',
    ),
  ),
  project_id: Type.Optional(
    Id(
      "Only this project's tasks and the entries on them (same rule for others' entries). " +
        '404 when you are not a member of its workspace, or it is not in workspace_id.',
    ),
  ),
  user_id: Type.Optional(
    Id(
      "Only this member's tasks (assigned to them, or created by them and unassigned) and " +
        "entries. Yourself always; another member needs the right to see the others' time " +
        '(403 forbidden otherwise); 404 when no workspace you can see has them.',
    ),
  ),
};

export const PeriodQuery = Type.Object(
  { ...periodProps, ...scopeProps },
  { additionalProperties: false },
);
export type PeriodQuery = Static<typeof PeriodQuery>;

export const WeeklyQuery = Type.Object(
  {
    weeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 52,
        description:
          'The last N local weeks, the current one included (default 4). Not with days/from/to.',
        examples: [4],
      }),
    ),
    ...periodProps,
    ...scopeProps,
  },
  { additionalProperties: false },
);
export type WeeklyQuery = Static<typeof WeeklyQuery>;

/** `from`/`to` of the resolved period, in the words of the request. */
const PeriodEchoBound = Type.String({
  description: 'A local day (YYYY-MM-DD, included), or the instant given (RFC 3339, UTC)',
  examples: ['2026-03-01'],
});

const PeriodEcho = Type.Object(
  { from: PeriodEchoBound, to: PeriodEchoBound, tz: Type.String({ examples: ['Europe/Berlin'] }) },
  {
    description:
      'The resolved period in tz: its first and last local day, or the instants given as ' +
      '`from`/`to` (the period is then [from, to))',
  },
);

export const SummaryResponse = Type.Object({
  period: PeriodEcho,
  tasks: Type.Object({
    total: Count,
    by_status: Type.Object({ todo: Count, doing: Count, done: Count }),
    by_priority: Type.Object({ low: Count, medium: Count, high: Count, urgent: Count }),
  }),
  created_in_period: Count,
  completed_in_period: Count,
  completion_rate: Type.Object({
    period: Nullable(Type.Number({ description: 'completed_in_period ÷ created_in_period' })),
    all_time_done_share: Nullable(Type.Number({ description: 'done ÷ total, all tasks' })),
  }),
  tracked_minutes: Type.Integer(),
  worked_tasks: Count,
  estimated_minutes_of_worked_tasks: Count,
  overdue: Count,
  median_cycle_time_hours: Nullable(Type.Number()),
});
export type SummaryResponse = Static<typeof SummaryResponse>;

export const CategoriesResponse = Type.Object({
  period: PeriodEcho,
  categories: Type.Array(
    Type.Object({
      category: Type.String({ description: 'The category; `uncategorized` for none' }),
      total: Count,
      done: Count,
      completion_rate: Nullable(Type.Number()),
      estimated_minutes: Count,
      tracked_minutes: Type.Integer(),
      efficiency: Nullable(Type.Number({ description: 'Σ estimated ÷ Σ actual' })),
      efficiency_tasks: Count,
    }),
  ),
});
export type CategoriesResponse = Static<typeof CategoriesResponse>;

export const WeeklyResponse = Type.Object({
  period: PeriodEcho,
  week_start: Type.Union([Type.Literal('monday'), Type.Literal('sunday')]),
  weeks: Type.Array(
    Type.Object({
      week_start: LocalDate,
      from: LocalDate,
      to: LocalDate,
      days: Type.Integer({ minimum: 1, maximum: 7 }),
      created: Count,
      completed: Count,
      tracked_minutes: Type.Integer(),
      active_days: Count,
      productivity_score: Type.Integer({ minimum: 0, maximum: 100 }),
      components: Type.Object({
        completions: Type.Object({ value: Count, target: Type.Number(), points: Type.Number() }),
        estimation_accuracy: Type.Object({
          value: Nullable(Type.Number({ description: 'Mean accuracy, percent' })),
          tasks: Count,
          points: Type.Number(),
        }),
        active_days: Type.Object({ value: Count, days: Count, points: Type.Number() }),
      }),
    }),
  ),
});
export type WeeklyResponse = Static<typeof WeeklyResponse>;

const EfficiencyFigures = {
  tasks: Count,
  estimated_minutes: Count,
  actual_minutes: Count,
  accuracy: Nullable(Type.Number({ description: 'Percent, 0 to 100' })),
  median_ratio: Nullable(Type.Number({ description: 'Median of actual ÷ estimate' })),
  under: Count,
  on: Count,
  over: Count,
};

/** The most tasks `/metrics/time-efficiency` lists; `tasks_total` says how many there are. */
export const EFFICIENCY_TASKS_LIMIT = 500;

const EfficiencyTask = Type.Object(
  {
    task_id: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    category: Type.String({ description: 'The category; `uncategorized` for none' }),
    estimated_minutes: Type.Integer({ minimum: 1 }),
    actual_minutes: Type.Integer({ minimum: 1 }),
  },
  { description: 'One task of the sample: its estimate and its actual (tracked) minutes' },
);

export const TimeEfficiencyResponse = Type.Object({
  period: PeriodEcho,
  on_estimate_tolerance: Type.Number({ examples: [0.1] }),
  overall: Type.Object(EfficiencyFigures),
  categories: Type.Array(Type.Object({ category: Type.String(), ...EfficiencyFigures })),
  tasks: Type.Array(EfficiencyTask, {
    maxItems: EFFICIENCY_TASKS_LIMIT,
    description:
      `The sample's tasks, newest completion first (ties by task_id, descending), at most ` +
      `${EFFICIENCY_TASKS_LIMIT}: one point each for a scatter of estimate against actual`,
  }),
  tasks_total: Type.Integer({
    minimum: 0,
    description:
      'How many tasks the sample has (= overall.tasks); more than `tasks` lists when capped',
  }),
});
export type TimeEfficiencyResponse = Static<typeof TimeEfficiencyResponse>;

export const TrendsResponse = Type.Object({
  period: PeriodEcho,
  days: Type.Array(
    Type.Object({
      date: LocalDate,
      created: Count,
      completed: Count,
      tracked_minutes: Type.Integer(),
      completed_avg_7d: Type.Number({
        description: 'Mean completions of the day and the 6 before it (2 decimals)',
      }),
      tracked_minutes_avg_7d: Type.Number({
        description:
          'Mean tracked minutes of the day and the 6 before it, always ÷ 7 (2 decimals; can be ' +
          'negative after adjustments)',
      }),
    }),
  ),
  trend: Type.Object({
    slope: Type.Number({ description: 'Completions per day, per day' }),
    change: Type.Number({ description: 'slope × (days − 1)' }),
    mean: Type.Number({ description: 'Mean daily completions' }),
    threshold: Type.Number(),
    direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('flat')]),
  }),
});
export type TrendsResponse = Static<typeof TrendsResponse>;

export const PrioritiesResponse = Type.Object({
  period: PeriodEcho,
  priorities: Type.Array(
    Type.Object({
      priority: Type.Union([
        Type.Literal('low'),
        Type.Literal('medium'),
        Type.Literal('high'),
        Type.Literal('urgent'),
      ]),
      open: Count,
      done: Count,
      overdue: Count,
      median_cycle_time_hours: Nullable(Type.Number()),
      tracked_minutes: Type.Integer(),
    }),
  ),
});
export type PrioritiesResponse = Static<typeof PrioritiesResponse>;

const Model = Type.Object({
  sample_size: Count,
  enough_data: Type.Boolean(),
  message: Nullable(Type.String({ examples: ['not enough data: 3 of the 5 tasks needed'] })),
  median_ratio: Nullable(Type.Number()),
  q1_ratio: Nullable(Type.Number()),
  q3_ratio: Nullable(Type.Number()),
});

const forecastProps = {
  open_estimated_tasks: Count,
  forecast_tasks: Count,
  estimated_minutes: Count,
  tracked_minutes: Count,
  naive_remaining_minutes: Count,
  remaining_minutes: Nullable(Count),
  low_minutes: Nullable(Count),
  high_minutes: Nullable(Count),
};

export const InsightsResponse = Type.Object({
  period: PeriodEcho,
  min_sample: Count,
  overall: Model,
  categories: Type.Array(
    Type.Object({
      category: Type.String(),
      model: Model,
      forecast: Type.Object({
        ratio_source: Nullable(Type.Union([Type.Literal('category'), Type.Literal('overall')])),
        ...forecastProps,
      }),
    }),
  ),
  forecast: Type.Object(forecastProps),
});
export type InsightsResponse = Static<typeof InsightsResponse>;

export const TeamQuery = Type.Object(
  {
    workspace_id: Id('The workspace (required). 404 when you are not a member.'),
    ...periodProps,
  },
  { additionalProperties: false },
);
export type TeamQuery = Static<typeof TeamQuery>;

export const TeamResponse = Type.Object({
  period: PeriodEcho,
  members: Type.Array(
    Type.Object({
      user_id: Type.Integer({ minimum: 1 }),
      full_name: Nullable(Type.String()),
      email: Type.String(),
      tracked_minutes: Type.Integer({ description: "The member's entries in the period" }),
      tasks_completed: Count,
      estimate_accuracy: Nullable(
        Type.Number({
          description:
            'Mean accuracy, percent (0–100, 2 decimals), of their tasks completed in the period ' +
            'with an estimate and tracked time; null when there are none',
        }),
      ),
    }),
    {
      description: "Every member, by user_id; only yourself when you may not see the others' time",
    },
  ),
  projects: Type.Array(
    Type.Object({
      project_id: Type.Integer({ minimum: 1 }),
      name: Type.String(),
      color: Type.String({ examples: ['#6366f1'] }),
      tracked_minutes: Type.Integer({ description: "Everyone's time on its tasks in the period" }),
      budget_minutes: Nullable(Type.Integer({ minimum: 1 })),
      budget_used_percent: Nullable(
        Type.Number({
          description:
            "All-time tracked minutes (the sum of its tasks' actual_minutes) ÷ budget × 100, " +
            '1 decimal; null without a budget',
        }),
      ),
    }),
    { description: 'Every project of the workspace (archived too), by name' },
  ),
  unassigned: Type.Object(
    { tracked_minutes: Type.Integer() },
    { description: 'Time tracked in the period on tasks without a project' },
  ),
});
export type TeamResponse = Static<typeof TeamResponse>;
