import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, dayRange, decimal, percent } from '../metricFormat';
import type { Week, Weekly } from '../useMetrics';

const accuracyText = (week: Week): string =>
  week.components.estimation_accuracy.value === null
    ? 'no task to measure'
    : percent(week.components.estimation_accuracy.value);

const completionsText = (week: Week): string =>
  `${count(week.components.completions.value)} (target ${decimal(week.components.completions.target)})`;

const weekLabel = (week: Week): string => dayRange(week.from, week.to);

/** GET /metrics/weekly: the score per week, stacked from its three components' points. */
export const weeklyScoreSpec: ChartSpec<Weekly> = {
  title: 'Weekly score',
  note: 'Out of 100: up to 40 points for completions, 30 for estimation accuracy, 30 for days with tracked time.',
  empty: (data) => (data.weeks.length === 0 ? <p>There is no week in this period.</p> : undefined),
  summary: (data) => {
    const week = data.weeks[data.weeks.length - 1];
    if (week === undefined) return '';
    const { completions, estimation_accuracy: accuracy, active_days: active } = week.components;
    return (
      `The week of ${weekLabel(week)} scores ${count(week.productivity_score)} of 100: ` +
      `${decimal(completions.points)} points for ${count(completions.value)} completions ` +
      `(target ${decimal(completions.target)}), ${decimal(accuracy.points)} for estimation ` +
      `accuracy (${accuracyText(week)}), ${decimal(active.points)} for ${count(active.value)} of ` +
      `${count(active.days)} active days.`
    );
  },
  option: (data, palette) => {
    const part = (name: string, points: (week: Week) => number, last = false) => ({
      type: 'bar' as const,
      name,
      stack: 'score',
      barMaxWidth: 48,
      data: data.weeks.map(points),
      // The score sits on top of the stack: the API's rounded total, not a sum of the parts.
      ...(last
        ? {
            label: {
              show: true,
              position: 'top' as const,
              color: palette.text,
              fontWeight: 'bold' as const,
              formatter: ({ dataIndex }: { dataIndex: number }) =>
                count(data.weeks[dataIndex]?.productivity_score ?? 0),
            },
          }
        : {}),
    });
    return {
      ...baseOption(palette),
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const week = data.weeks[index];
        if (week === undefined) return { title: '', lines: [] };
        const { completions, estimation_accuracy: accuracy, active_days: active } = week.components;
        return {
          title: `${weekLabel(week)}: ${count(week.productivity_score)} of 100`,
          lines: [
            ['Completions', `${decimal(completions.points)} points (${completionsText(week)})`],
            ['Estimation accuracy', `${decimal(accuracy.points)} points (${accuracyText(week)})`],
            [
              'Active days',
              `${decimal(active.points)} points (${count(active.value)} of ${count(active.days)})`,
            ],
          ],
        };
      }),
      xAxis: axis(palette, { type: 'category', data: data.weeks.map(weekLabel) }),
      yAxis: axis(palette, { type: 'value', min: 0, max: 100, interval: 25 }),
      series: [
        part('Completions', (week) => week.components.completions.points),
        part('Estimation accuracy', (week) => week.components.estimation_accuracy.points),
        part('Active days', (week) => week.components.active_days.points, true),
      ],
    };
  },
  table: (data) => (
    <DataTable
      caption="Weekly score and its components"
      rows={data.weeks}
      columns={[
        { header: 'Week', cell: weekLabel },
        { header: 'Score', numeric: true, cell: (week) => count(week.productivity_score) },
        {
          header: 'Completions',
          numeric: true,
          cell: completionsText,
        },
        {
          header: 'Completion points',
          numeric: true,
          cell: (week) => decimal(week.components.completions.points),
        },
        {
          header: 'Estimation accuracy',
          numeric: true,
          cell: (week) =>
            `${accuracyText(week)} (${count(week.components.estimation_accuracy.tasks)} tasks)`,
        },
        {
          header: 'Accuracy points',
          numeric: true,
          cell: (week) => decimal(week.components.estimation_accuracy.points),
        },
        {
          header: 'Active days',
          numeric: true,
          cell: (week) =>
            `${count(week.components.active_days.value)} of ${count(week.components.active_days.days)}`,
        },
        {
          header: 'Active-day points',
          numeric: true,
          cell: (week) => decimal(week.components.active_days.points),
        },
      ]}
    />
  ),
};
