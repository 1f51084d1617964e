/** One row of a bar chart: the label on the left, the value drawn, the text printed after it. */
export interface BarRow {
  label: string;
  value: number;
  text: string;
}

/** Partial blocks, one to seven eighths of a cell; a whole cell is FULL. */
const EIGHTHS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const FULL = '█';

/** The narrowest bar area drawn, however narrow the terminal: below it bars say nothing. */
export const MIN_BAR_WIDTH = 10;

/**
 * A horizontal bar per row, scaled so the largest value fills the bar area and the lines fit in
 * `width` columns (the terminal's). Resolution is an eighth of a column. A positive value never
 * draws as nothing (it gets at least one eighth), so a short day stays visible next to a long
 * one; zero and negative values (adjustments can make a day negative) draw no bar.
 */
export function barChart(rows: readonly BarRow[], width: number): string[] {
  const labelWidth = Math.max(0, ...rows.map((row) => row.label.length));
  const textWidth = Math.max(0, ...rows.map((row) => row.text.length));
  const barWidth = Math.max(MIN_BAR_WIDTH, width - labelWidth - textWidth - 2);
  const max = Math.max(0, ...rows.map((row) => row.value));
  return rows.map((row) => {
    const bar = drawBar(row.value, max, barWidth);
    return `${row.label.padEnd(labelWidth)} ${bar.padEnd(barWidth)} ${row.text.padStart(textWidth)}`;
  });
}

/** The bar of `value` on a scale where `max` is `cells` columns. */
export function drawBar(value: number, max: number, cells: number): string {
  if (value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * cells * 8));
  const partial = eighths % 8;
  return FULL.repeat(Math.floor(eighths / 8)) + (partial === 0 ? '' : (EIGHTHS[partial - 1] ?? ''));
}
