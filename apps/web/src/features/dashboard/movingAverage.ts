/** The moving average's window: the day and the six before it. */
export const WINDOW_DAYS = 7;

/**
 * The trailing mean of each day's value over the day and the `window − 1` days before it,
 * always divided by `window`, as the API's `completed_avg_7d` is. `before` holds the days
 * preceding the first one (oldest first), so the first days have a full window of real data.
 *
 * The API gives a 7-day average of completions only; tracked minutes get theirs here, from the
 * API's own daily figures (a running sum: one pass however long the period).
 */
export function trailingMean(
  values: readonly number[],
  before: readonly number[],
  window = WINDOW_DAYS,
): number[] {
  const series = [...before.slice(-(window - 1)), ...values];
  const offset = series.length - values.length;
  const means: number[] = [];
  let sum = 0;
  series.forEach((value, index) => {
    sum += value;
    if (index >= window) sum -= series[index - window] ?? 0;
    if (index >= offset) means.push(sum / window);
  });
  return means;
}
