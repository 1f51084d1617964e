import { formatLimit, LIMITS } from './limits.js';

/**
 * The estimate after `~`: `45m`, `2h`, `1h30m`, `1.5h`, `1:30` or a bare `90` (minutes), the
 * forms Toggl and Todoist users type. Units are case-insensitive; `min` may replace `m`.
 */

export type EstimateOutcome = { minutes: number } | { error: string };

const FORMS: readonly (readonly [RegExp, (m: RegExpExecArray) => number])[] = [
  [/^(\d+)$/, (m) => Number(m[1])],
  [/^(\d+)(?:m|min)$/i, (m) => Number(m[1])],
  // Decimal hours are rounded to the minute: ~1.1h is 66 minutes, ~0.01h rounds to 1.
  [/^(\d+(?:\.\d+)?)h$/i, (m) => Math.round(Number(m[1]) * 60)],
  [/^(\d+)h(\d+)(?:m|min)?$/i, (m) => Number(m[1]) * 60 + Number(m[2])],
  [/^(\d+):([0-5]\d)$/, (m) => Number(m[1]) * 60 + Number(m[2])],
];

export const ESTIMATE_HELP = 'use ~45m, ~2h, ~1h30m, ~1.5h, ~1:30 or ~90 (minutes)';

/**
 * Minutes in one of the forms above, or undefined when `text` is none of them; no limits. Shared
 * with `devtrackr log 1h30m`, so a duration is written the same way everywhere.
 */
export function parseMinutes(text: string): number | undefined {
  for (const [pattern, toMinutes] of FORMS) {
    const match = pattern.exec(text);
    if (match) return toMinutes(match);
  }
  return undefined;
}

/** `text` is what follows the `~`. */
export function parseEstimate(text: string): EstimateOutcome {
  const minutes = parseMinutes(text);
  if (minutes === undefined) return { error: `"~${text}" is not an estimate: ${ESTIMATE_HELP}` };
  // The API takes 0, but "~0m" in a quick-add line is a slip, not an estimate.
  if (minutes < 1) return { error: 'An estimate is at least 1 minute' };
  if (minutes > LIMITS.estimatedMinutesMax) {
    return { error: `An estimate is at most ${formatLimit(LIMITS.estimatedMinutesMax)} minutes` };
  }
  return { minutes };
}
