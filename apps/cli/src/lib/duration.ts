import { parseMinutes } from '@devtrackr/quick-add';

/**
 * Durations as people type them: the same forms as a quick-add estimate (`~45m`), so
 * `devtrackr log 1h30m` and `devtrackr add "… ~1h30m"` read a duration the same way.
 */
export const DURATION_HELP = 'write it like 1h30m, 45m, 1.5h, 1:30 or 90 (minutes)';

export type DurationOutcome = { minutes: number } | { error: string };

/** `1h30m`, `45m`, `45min`, `1.5h`, `1:30` or a bare `90` (minutes); at least one minute. */
export function parseDuration(text: string): DurationOutcome {
  const minutes = parseMinutes(text.trim());
  if (minutes === undefined) return { error: `"${text}" is not a duration: ${DURATION_HELP}` };
  // "0m" (or "0.001h", rounded to 0) is a slip: an entry of no time is refused by the API anyway.
  if (minutes < 1) return { error: 'A duration is at least 1 minute' };
  return { minutes };
}
