// Hand-written answers of the seven /metrics routes, in the shapes of apps/api/openapi.json,
// for one user over 1–7 March 2026 in Europe/Berlin (the figures agree across routes, as the
// API's would: 291 minutes tracked, 6 completions, 3 open tasks). Tests assert the dashboard
// shows exactly these numbers.
import type {
  Categories,
  Insights,
  Priorities,
  Summary,
  TimeEfficiency,
  Trends,
  Weekly,
} from './useMetrics';

const period = { from: '2026-03-01', to: '2026-03-07', tz: 'Europe/Berlin' };

export const summary: Summary = {
  period,
  tasks: {
    total: 10,
    by_status: { todo: 2, doing: 1, done: 7 },
    by_priority: { low: 1, medium: 5, high: 3, urgent: 1 },
  },
  created_in_period: 7,
  completed_in_period: 6,
  completion_rate: { period: 0.8571, all_time_done_share: 0.7 },
  tracked_minutes: 291,
  worked_tasks: 5,
  estimated_minutes_of_worked_tasks: 400,
  overdue: 1,
  median_cycle_time_hours: 30,
};

export const weekly: Weekly = {
  period,
  week_start: 'monday',
  weeks: [
    {
      week_start: '2026-02-23',
      from: '2026-03-01',
      to: '2026-03-01',
      days: 1,
      created: 1,
      completed: 0,
      tracked_minutes: 30,
      active_days: 1,
      productivity_score: 30,
      components: {
        completions: { value: 0, target: 0.71, points: 0 },
        estimation_accuracy: { value: null, tasks: 0, points: 0 },
        active_days: { value: 1, days: 1, points: 30 },
      },
    },
    {
      week_start: '2026-03-02',
      from: '2026-03-02',
      to: '2026-03-07',
      days: 6,
      created: 6,
      completed: 6,
      tracked_minutes: 261,
      active_days: 4,
      productivity_score: 84,
      components: {
        completions: { value: 6, target: 4.29, points: 40 },
        estimation_accuracy: { value: 79, tasks: 5, points: 23.7 },
        active_days: { value: 4, days: 6, points: 20 },
      },
    },
  ],
};

// tracked_minutes_avg_7d is the API's: with the six days before the period tracking 60, 0, 90,
// 0, 30 and 15 minutes, the windows sum to 225, 231, 231, 266, 311, 281 and 291 → ÷ 7.
export const trends: Trends = {
  period,
  days: [
    {
      date: '2026-03-01',
      created: 1,
      completed: 0,
      tracked_minutes: 30,
      completed_avg_7d: 0.43,
      tracked_minutes_avg_7d: 32.14,
    },
    {
      date: '2026-03-02',
      created: 2,
      completed: 1,
      tracked_minutes: 66,
      completed_avg_7d: 0.57,
      tracked_minutes_avg_7d: 33,
    },
    {
      date: '2026-03-03',
      created: 1,
      completed: 0,
      tracked_minutes: 0,
      completed_avg_7d: 0.57,
      tracked_minutes_avg_7d: 33,
    },
    {
      date: '2026-03-04',
      created: 0,
      completed: 2,
      tracked_minutes: 125,
      completed_avg_7d: 0.86,
      tracked_minutes_avg_7d: 38,
    },
    {
      date: '2026-03-05',
      created: 2,
      completed: 1,
      tracked_minutes: 45,
      completed_avg_7d: 0.71,
      tracked_minutes_avg_7d: 44.43,
    },
    {
      date: '2026-03-06',
      created: 1,
      completed: 0,
      tracked_minutes: 0,
      completed_avg_7d: 0.71,
      tracked_minutes_avg_7d: 40.14,
    },
    {
      date: '2026-03-07',
      created: 0,
      completed: 2,
      tracked_minutes: 25,
      completed_avg_7d: 0.86,
      tracked_minutes_avg_7d: 41.57,
    },
  ],
  trend: { slope: 0.25, change: 1.5, mean: 0.8571, threshold: 0.25, direction: 'up' },
};

export const categories: Categories = {
  period,
  categories: [
    {
      category: 'backend',
      total: 3,
      done: 3,
      completion_rate: 1,
      estimated_minutes: 190,
      tracked_minutes: 191,
      efficiency: 0.9948,
      efficiency_tasks: 3,
    },
    {
      category: 'frontend',
      total: 2,
      done: 1,
      completion_rate: 0.5,
      estimated_minutes: 90,
      tracked_minutes: 100,
      efficiency: null,
      efficiency_tasks: 0,
    },
    {
      category: 'uncategorized',
      total: 2,
      done: 1,
      completion_rate: 0.5,
      estimated_minutes: 0,
      tracked_minutes: 0,
      efficiency: null,
      efficiency_tasks: 0,
    },
  ],
};

export const timeEfficiency: TimeEfficiency = {
  period,
  on_estimate_tolerance: 0.1,
  overall: {
    tasks: 5,
    estimated_minutes: 370,
    actual_minutes: 356,
    accuracy: 79,
    median_ratio: 1,
    under: 2,
    on: 2,
    over: 1,
  },
  categories: [
    {
      category: 'backend',
      tasks: 3,
      estimated_minutes: 190,
      actual_minutes: 191,
      accuracy: 73.33,
      median_ratio: 1.1,
      under: 1,
      on: 1,
      over: 1,
    },
    {
      category: 'docs',
      tasks: 1,
      estimated_minutes: 60,
      actual_minutes: 45,
      accuracy: 75,
      median_ratio: 0.75,
      under: 1,
      on: 0,
      over: 0,
    },
    {
      category: 'frontend',
      tasks: 1,
      estimated_minutes: 120,
      actual_minutes: 120,
      accuracy: 100,
      median_ratio: 1,
      under: 0,
      on: 1,
      over: 0,
    },
  ],
  // The five tasks behind the figures, newest completion first.
  tasks: [
    {
      task_id: 41,
      title: 'Release notes',
      category: 'docs',
      estimated_minutes: 60,
      actual_minutes: 45,
    },
    {
      task_id: 37,
      title: 'Login form',
      category: 'frontend',
      estimated_minutes: 120,
      actual_minutes: 120,
    },
    {
      task_id: 35,
      title: 'Rate limiter',
      category: 'backend',
      estimated_minutes: 30,
      actual_minutes: 45,
    },
    {
      task_id: 33,
      title: 'Export endpoint',
      category: 'backend',
      estimated_minutes: 100,
      actual_minutes: 80,
    },
    {
      task_id: 32,
      title: 'Schema migration',
      category: 'backend',
      estimated_minutes: 60,
      actual_minutes: 66,
    },
  ],
  tasks_total: 5,
};

export const priorities: Priorities = {
  period,
  priorities: [
    {
      priority: 'low',
      open: 1,
      done: 0,
      overdue: 0,
      median_cycle_time_hours: null,
      tracked_minutes: 0,
    },
    {
      priority: 'medium',
      open: 1,
      done: 3,
      overdue: 0,
      median_cycle_time_hours: 24,
      tracked_minutes: 150,
    },
    {
      priority: 'high',
      open: 1,
      done: 2,
      overdue: 1,
      median_cycle_time_hours: 42,
      tracked_minutes: 141,
    },
    {
      priority: 'urgent',
      open: 0,
      done: 1,
      overdue: 0,
      median_cycle_time_hours: 6.5,
      tracked_minutes: 0,
    },
  ],
};

const notEnough = (size: number) => ({
  sample_size: size,
  enough_data: false,
  message: `not enough data: ${size} of the 5 tasks needed`,
  median_ratio: null,
  q1_ratio: null,
  q3_ratio: null,
});

export const insights: Insights = {
  period,
  min_sample: 5,
  overall: {
    sample_size: 5,
    enough_data: true,
    message: null,
    median_ratio: 1,
    q1_ratio: 0.8,
    q3_ratio: 1.1,
  },
  categories: [
    {
      category: 'backend',
      model: notEnough(3),
      forecast: {
        ratio_source: 'overall',
        open_estimated_tasks: 1,
        forecast_tasks: 1,
        estimated_minutes: 80,
        tracked_minutes: 30,
        naive_remaining_minutes: 50,
        remaining_minutes: 50,
        low_minutes: 34,
        high_minutes: 58,
      },
    },
    {
      category: 'docs',
      model: notEnough(1),
      forecast: {
        ratio_source: null,
        open_estimated_tasks: 0,
        forecast_tasks: 0,
        estimated_minutes: 0,
        tracked_minutes: 0,
        naive_remaining_minutes: 0,
        remaining_minutes: null,
        low_minutes: null,
        high_minutes: null,
      },
    },
    {
      category: 'frontend',
      model: notEnough(1),
      forecast: {
        ratio_source: 'overall',
        open_estimated_tasks: 1,
        forecast_tasks: 1,
        estimated_minutes: 120,
        tracked_minutes: 10,
        naive_remaining_minutes: 110,
        remaining_minutes: 110,
        low_minutes: 86,
        high_minutes: 122,
      },
    },
  ],
  forecast: {
    open_estimated_tasks: 2,
    forecast_tasks: 2,
    estimated_minutes: 200,
    tracked_minutes: 40,
    naive_remaining_minutes: 160,
    remaining_minutes: 160,
    low_minutes: 120,
    high_minutes: 180,
  },
};
