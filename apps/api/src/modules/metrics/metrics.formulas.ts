/**
 * The documented formulas of docs/metrics.md that run on the small, already aggregated result
 * (a handful of numbers per row). Everything that touches task or entry rows runs in SQL.
 */

/** Minutes from seconds, rounded half up: the same rule as tasks.actual_minutes. */
export function toMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

export function roundOrNull(value: number | null, decimals: number): number | null {
  return value === null ? null : round(value, decimals);
}

/** a ÷ b, or null when b is 0 (a rate over nothing is unknown, not zero). */
export function ratio(a: number, b: number, decimals = 4): number | null {
  return b === 0 ? null : round(a / b, decimals);
}

export function hoursOrNull(seconds: number | null): number | null {
  return seconds === null ? null : round(seconds / 3600, 2);
}

// ---------------------------------------------------------------- productivity score

export const SCORE_WEIGHTS = { completions: 40, accuracy: 30, activeDays: 30 } as const;
/** Completions per 7 days that earn the full completion points. */
export const COMPLETIONS_TARGET_PER_WEEK = 5;

export interface ScoreInput {
  /** Days of the week inside the period (7, or fewer for a clipped first/last week). */
  days: number;
  completed: number;
  /** Tasks completed that week with an estimate and tracked time, and the sum of their accuracies. */
  accuracyTasks: number;
  accuracySum: number;
  /** Local days of the week with positive tracked time. */
  activeDays: number;
}

export interface ScoreComponents {
  completions: { value: number; target: number; points: number };
  estimation_accuracy: { value: number | null; tasks: number; points: number };
  active_days: { value: number; days: number; points: number };
}

/**
 * productivity_score = round(C + A + D), 0..100, where
 *   C = 40 × min(1, completed ÷ target), target = 5 × days ÷ 7
 *   A = 30 × mean accuracy of the week's measured tasks (0 when there are none)
 *   D = 30 × active days ÷ days
 * Each term is non-decreasing in its input and the others do not depend on it, so the score is
 * monotonic in completions, in estimation accuracy and in days with tracked time.
 */
export function productivityScore(input: ScoreInput): {
  score: number;
  components: ScoreComponents;
} {
  const target = (COMPLETIONS_TARGET_PER_WEEK * input.days) / 7;
  const c = SCORE_WEIGHTS.completions * Math.min(1, input.completed / target);
  const accuracy = input.accuracyTasks > 0 ? input.accuracySum / input.accuracyTasks : null;
  const a = SCORE_WEIGHTS.accuracy * (accuracy ?? 0);
  const d = SCORE_WEIGHTS.activeDays * (input.activeDays / input.days);
  return {
    score: Math.min(100, Math.max(0, Math.round(c + a + d))),
    components: {
      completions: { value: input.completed, target: round(target, 2), points: round(c, 2) },
      estimation_accuracy: {
        value: accuracy === null ? null : round(accuracy * 100, 2),
        tasks: input.accuracyTasks,
        points: round(a, 2),
      },
      active_days: { value: input.activeDays, days: input.days, points: round(d, 2) },
    },
  };
}

// ---------------------------------------------------------------- completion trend

/** The smallest fitted change (completions/day, first to last day) that is not `flat`. */
export const TREND_MIN_CHANGE = 0.25;
/** ...or this share of the mean daily completions, whichever is larger. */
export const TREND_RELATIVE_CHANGE = 0.1;

export interface Trend {
  slope: number;
  change: number;
  mean: number;
  threshold: number;
  direction: 'up' | 'down' | 'flat';
}

/**
 * slope = least-squares slope of daily completions against the day index (0 for one day);
 * change = slope × (days − 1), the fitted rise from the first to the last day;
 * threshold = max(0.25, 0.1 × mean); direction = up if change ≥ threshold, down if
 * change ≤ −threshold, flat otherwise.
 */
export function trend(slope: number | null, mean: number, days: number): Trend {
  const s = slope ?? 0;
  const change = s * Math.max(0, days - 1);
  const threshold = Math.max(TREND_MIN_CHANGE, TREND_RELATIVE_CHANGE * mean);
  const direction = change >= threshold ? 'up' : change <= -threshold ? 'down' : 'flat';
  return {
    slope: round(s, 4),
    change: round(change, 4),
    mean: round(mean, 4),
    threshold: round(threshold, 4),
    direction,
  };
}
