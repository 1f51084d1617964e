import { useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ChartPanel } from './ChartPanel';
import { PaletteContext, usePalette } from './charts/palette';
import './dashboard.css';
import { day } from './metricFormat';
import { parsePeriod, periodSearch, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { categoryTimeSpec } from './sections/categoryTime';
import { dailyCompletionsSpec } from './sections/dailyCompletions';
import { dailyTrackedSpec } from './sections/dailyTracked';
import { categoryEstimatesSpec, estimateScatterSpec } from './sections/estimates';
import { estimateBiasSpec, forecastSpec } from './sections/insights';
import { prioritiesSpec } from './sections/priorities';
import { weeklyScoreSpec } from './sections/weeklyScore';
import { SummaryCards } from './SummaryCards';
import { useMetrics, type Summary } from './useMetrics';

/** "Mar 1, 2026 – Mar 30, 2026 · Europe/Berlin", once the API has resolved the period. */
function periodText(period: Period, resolved: Summary['period'] | undefined): string {
  if (resolved !== undefined) return `${day(resolved.from)} – ${day(resolved.to)} · ${resolved.tz}`;
  return 'days' in period
    ? `The last ${period.days} days`
    : `${day(period.from)} – ${day(period.to)}`;
}

/**
 * The analytics dashboard (issue 14 §7): the seven /metrics routes for a period kept in the URL,
 * as summary cards and charts, each chart with a one-sentence summary and a table. The seven
 * queries start together; each panel shows its own skeleton, error or empty state.
 */
export default function DashboardPage() {
  const [search, setSearch] = useSearchParams();
  const { period, invalid } = useMemo(() => parsePeriod(search), [search]);
  const root = useRef<HTMLDivElement>(null);
  const palette = usePalette(root);

  const summary = useMetrics('/metrics/summary', period);
  const weekly = useMetrics('/metrics/weekly', period);
  const trends = useMetrics('/metrics/productivity-trends', period);
  const categories = useMetrics('/metrics/categories', period);
  const efficiency = useMetrics('/metrics/time-efficiency', period);
  const priorities = useMetrics('/metrics/priorities', period);
  const insights = useMetrics('/metrics/insights', period);

  const resolved = summary.data?.period;
  // A new account has nothing to chart: say what to do instead of drawing eight empty charts.
  const isNew = summary.data?.tasks.total === 0;

  return (
    <div ref={root} className="dashboard">
      <PageHeader title="Dashboard" description={periodText(period, resolved)} />
      {isNew ? (
        <EmptyState
          title="Nothing to measure yet"
          action={
            <Link className="btn btn--primary" to="/tasks">
              Add a task
            </Link>
          }
        >
          Your figures appear here once there is work to count: add a task with an estimate, start
          its timer (or log time on the Week page), and mark it done when it is finished.
        </EmptyState>
      ) : (
        <PaletteContext.Provider value={palette}>
          <PeriodPicker
            period={period}
            shown={resolved}
            error={summary.error}
            onChange={(next) => {
              setSearch(periodSearch(next));
            }}
          />
          {invalid && (
            <p className="dashboard__notice" role="status">
              The period in the address could not be used, so the last 30 days are shown.
            </p>
          )}
          <SummaryCards query={summary} />
          <div className="dashboard__grid">
            <ChartPanel wide spec={weeklyScoreSpec} query={weekly} />
            <ChartPanel wide spec={dailyTrackedSpec} query={trends} />
            <ChartPanel wide spec={dailyCompletionsSpec} query={trends} />
            <ChartPanel spec={categoryTimeSpec} query={categories} />
            <ChartPanel spec={prioritiesSpec} query={priorities} />
            <ChartPanel spec={categoryEstimatesSpec} query={efficiency} />
            <ChartPanel spec={estimateScatterSpec} query={efficiency} />
            <ChartPanel spec={estimateBiasSpec} query={insights} />
            <ChartPanel spec={forecastSpec} query={insights} />
          </div>
        </PaletteContext.Provider>
      )}
    </div>
  );
}
