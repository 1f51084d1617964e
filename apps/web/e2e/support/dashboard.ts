import type { DevTrackrClient } from '@devtrackr/client';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  asPercent,
  count,
  duration,
  factor,
  hours,
  percentage,
  readTable,
  readTerms,
} from './figures.js';
import { tabTo } from './keyboard.js';

// "The numbers shown equal the API's; a test checks this" (issue 14 §7). The dashboard's figures
// are read off the page (summary cards, and every chart's "view as table") and compared with the
// same /metrics routes fetched through the SDK as the same user. Every expected value comes from
// the API's JSON; labels are formatted here independently (Intl, en-US), not with the app's code.

type Parse = (text: string) => number | null;
type Column<Row> = readonly [header: string, parse: Parse, value: (row: Row) => number | null];

interface TableCheck<Row> {
  caption: string;
  rows: readonly Row[];
  /** The row header the page must print for this row. */
  label: (row: Row) => string;
  columns: readonly Column<Row>[];
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const shortFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const noon = (day: string) => new Date(`${day}T12:00:00Z`);
/** A local day (YYYY-MM-DD) as the page writes it in full: "Mar 5, 2026". */
const longDay = (day: string) => dayFormat.format(noon(day));
/** A week as the page writes it: "Mar 2 – Mar 8". */
const weekRange = (from: string, to: string) =>
  from === to
    ? shortFormat.format(noon(from))
    : `${shortFormat.format(noon(from))} – ${shortFormat.format(noon(to))}`;

/** The scatter's table lists the first tasks only (the chart draws them all). */
const SCATTER_ROWS = 50;

/** The row the page adds under the categories of a table, for all of them together. */
const ALL = 'All categories';

const PRIORITY = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as const;

/** Reads one "view as table" table and compares it, row by row, with the API's rows. */
async function expectTable<Row>(page: Page, check: TableCheck<Row>): Promise<void> {
  const table = page.getByRole('table', { name: check.caption, exact: true });
  const shown = (await readTable(table)).map((cells) => {
    const row: Record<string, string | number | null> = {};
    for (const [header, parse] of check.columns) row[header] = parse(cells[header] ?? '');
    return { label: Object.values(cells)[0], ...row };
  });
  const expected = check.rows.map((apiRow) => {
    const row: Record<string, string | number | null> = {};
    for (const [header, , value] of check.columns) row[header] = value(apiRow);
    return { label: check.label(apiRow), ...row };
  });
  expect(shown, check.caption).toEqual(expected);
}

/** How the person drives the page: the mouse, or the keyboard only (Tab to a control, Enter). */
export type Driver = 'mouse' | 'keyboard';

/** Opens every chart's table ("View as table" is a toggle: only the ones still showing charts). */
async function showAllTables(page: Page, driver: Driver): Promise<void> {
  const closed = page.getByRole('button', { name: /^View as table/, pressed: false });
  for (let left = await closed.count(); left > 0; left = await closed.count()) {
    if (driver === 'mouse') {
      await closed.first().click();
    } else {
      // The next closed toggle is further down the page: Tab on to it, as a keyboard user would.
      await tabTo(page, closed.first(), { max: 80 });
      await page.keyboard.press('Enter');
    }
  }
}

/**
 * Checks the dashboard on screen, for the last `days` days, against the API: the period, the six
 * summary cards and every chart's table. Tables the page leaves out (a chart with nothing to show)
 * are only checked when the API has rows for them.
 */
export async function expectDashboardToMatchApi(
  page: Page,
  api: DevTrackrClient,
  days: number,
  driver: Driver = 'mouse',
): Promise<void> {
  const query = { params: { query: { days } } };
  const [
    { data: s },
    { data: weekly },
    { data: trends },
    { data: categories },
    { data: efficiency },
    { data: priorities },
    { data: insights },
  ] = await Promise.all([
    api.GET('/metrics/summary', query),
    api.GET('/metrics/weekly', query),
    api.GET('/metrics/productivity-trends', query),
    api.GET('/metrics/categories', query),
    api.GET('/metrics/time-efficiency', query),
    api.GET('/metrics/priorities', query),
    api.GET('/metrics/insights', query),
  ]);

  // The same period on both sides: the page says which days it shows.
  const { from, to, tz } = s.period;
  await page.getByText(`${longDay(from)} – ${longDay(to)} · ${tz}`, { exact: true }).waitFor();

  const cards = await readTerms(page.getByLabel('Summary', { exact: true }));
  expect({
    tracked: duration(cards['Tracked time'] ?? ''),
    completed: count(cards.Completed ?? ''),
    rate: percentage(cards['Completion rate'] ?? ''),
    cycle: hours(cards['Median cycle time'] ?? ''),
    total: count(cards['Tasks now'] ?? ''),
    overdue: count(cards['Overdue now'] ?? ''),
  }).toEqual({
    tracked: s.tracked_minutes,
    completed: s.completed_in_period,
    rate: asPercent(s.completion_rate.period),
    cycle: s.median_cycle_time_hours,
    total: s.tasks.total,
    overdue: s.overdue,
  });

  await showAllTables(page, driver);
  await expectTable(page, {
    caption: 'Weekly score and its components',
    rows: weekly.weeks,
    label: (w) => weekRange(w.from, w.to),
    columns: [
      ['Score', count, (w) => w.productivity_score],
      ['Completion points', count, (w) => round(w.components.completions.points, 2)],
      ['Accuracy points', count, (w) => round(w.components.estimation_accuracy.points, 2)],
      ['Active-day points', count, (w) => round(w.components.active_days.points, 2)],
    ],
  });
  await expectTable(page, {
    caption: 'Tracked time and its 7-day average, per day',
    rows: trends.days,
    label: (d) => longDay(d.date),
    columns: [
      ['Tracked', duration, (d) => d.tracked_minutes],
      // Shown in whole minutes (the API gives 2 decimals).
      ['7-day average', duration, (d) => Math.round(d.tracked_minutes_avg_7d)],
    ],
  });
  await expectTable(page, {
    caption: 'Tasks created and completed per day',
    rows: trends.days,
    label: (d) => longDay(d.date),
    columns: [
      ['Created', count, (d) => d.created],
      ['Completed', count, (d) => d.completed],
      ['7-day average', count, (d) => round(d.completed_avg_7d, 4)],
    ],
  });
  await expectTable(page, {
    caption: 'Tasks and time by category',
    rows: categories.categories,
    label: (c) => c.category,
    columns: [
      ['Created', count, (c) => c.total],
      ['Done', count, (c) => c.done],
      ['Completion rate', percentage, (c) => asPercent(c.completion_rate)],
      ['Estimated', duration, (c) => c.estimated_minutes],
      ['Tracked', duration, (c) => c.tracked_minutes],
    ],
  });
  await expectTable(page, {
    caption: 'Tasks by priority',
    rows: priorities.priorities,
    label: (p) => PRIORITY[p.priority],
    columns: [
      ['Open', count, (p) => p.open],
      ['Overdue', count, (p) => p.overdue],
      ['Done in the period', count, (p) => p.done],
      ['Median cycle time', hours, (p) => p.median_cycle_time_hours],
      ['Tracked', duration, (p) => p.tracked_minutes],
    ],
  });
  if (efficiency.categories.length > 0) {
    await expectTable(page, {
      caption: 'Estimated and actual time of the done tasks, per category',
      rows: [...efficiency.categories, { ...efficiency.overall, category: ALL }],
      label: (c) => c.category,
      columns: [
        ['Tasks', count, (c) => c.tasks],
        ['Estimated', duration, (c) => c.estimated_minutes],
        ['Actual', duration, (c) => c.actual_minutes],
        ['Accuracy', percentage, (c) => round(c.accuracy, 2)],
        ['Median actual ÷ estimate', factor, (c) => round(c.median_ratio, 4)],
        ['Under', count, (c) => c.under],
        ['On', count, (c) => c.on],
        ['Over', count, (c) => c.over],
      ],
    });
    // One row per task of the sample, newest completion first; the table shows the first 50.
    await expectTable(page, {
      caption: 'Estimate against actual, per task, newest first',
      rows: efficiency.tasks.slice(0, SCATTER_ROWS),
      label: (t) => t.title,
      columns: [
        ['Estimated (x)', duration, (t) => t.estimated_minutes],
        ['Actual (y)', duration, (t) => t.actual_minutes],
      ],
    });
  }
  // The model needs min_sample done tasks: below that the page says so instead of a table.
  if (insights.overall.enough_data) {
    const overall = { category: ALL, model: insights.overall };
    await expectTable(page, {
      caption: 'Actual time as a multiple of the estimate, by category',
      rows: [overall, ...insights.categories],
      label: (c) => c.category,
      columns: [
        ['Tasks', count, (c) => c.model.sample_size],
        ['First quartile', factor, (c) => round(c.model.q1_ratio, 4)],
        ['Median', factor, (c) => round(c.model.median_ratio, 4)],
        ['Third quartile', factor, (c) => round(c.model.q3_ratio, 4)],
      ],
    });
  }
  if (insights.forecast.remaining_minutes !== null) {
    const everything = { category: 'All open work', forecast: insights.forecast };
    await expectTable(page, {
      caption: 'Forecast of the open work, by category',
      rows: [...insights.categories, everything],
      label: (c) => c.category,
      columns: [
        ['Open estimated tasks', count, (c) => c.forecast.open_estimated_tasks],
        ['Forecast tasks', count, (c) => c.forecast.forecast_tasks],
        ['Forecast', duration, (c) => c.forecast.remaining_minutes],
        ['Low', duration, (c) => c.forecast.low_minutes],
        ['High', duration, (c) => c.forecast.high_minutes],
        ['Raw estimates', duration, (c) => c.forecast.naive_remaining_minutes],
      ],
    });
  }
}
