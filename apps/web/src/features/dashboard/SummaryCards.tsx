import type { UseQueryResult } from '@tanstack/react-query';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { count, hours, minutes, ratioPercent } from './metricFormat';
import type { Summary } from './useMetrics';

interface Card {
  label: string;
  value: string;
  detail: string;
}

/** GET /metrics/summary as six figures, each the API's own. */
function cards(summary: Summary): Card[] {
  const { tasks, completion_rate: rate } = summary;
  return [
    {
      label: 'Tracked time',
      value: minutes(summary.tracked_minutes),
      detail: `on ${count(summary.worked_tasks)} tasks estimated at ${minutes(summary.estimated_minutes_of_worked_tasks)}`,
    },
    {
      label: 'Completed',
      value: count(summary.completed_in_period),
      detail: `${count(summary.created_in_period)} created in the period`,
    },
    {
      label: 'Completion rate',
      value: ratioPercent(rate.period),
      detail:
        rate.period === null
          ? 'nothing was created in the period'
          : 'completed ÷ created in the period',
    },
    {
      label: 'Median cycle time',
      value: hours(summary.median_cycle_time_hours),
      detail:
        summary.median_cycle_time_hours === null
          ? 'no task completed in the period'
          : 'from created to done',
    },
    {
      label: 'Tasks now',
      value: count(tasks.total),
      detail: `${count(tasks.by_status.todo)} to do, ${count(tasks.by_status.doing)} doing, ${count(tasks.by_status.done)} done (${ratioPercent(rate.all_time_done_share)})`,
    },
    {
      label: 'Overdue now',
      value: count(summary.overdue),
      detail: 'open tasks past their due date',
    },
  ];
}

const CARD_COUNT = 6;

/** The period's headline figures; skeleton cards of the same size while they load. */
export function SummaryCards({ query }: { query: UseQueryResult<Summary> }) {
  if (query.data === undefined && query.isPending) {
    return (
      <div className="cards" role="status">
        <VisuallyHidden>Loading the summary</VisuallyHidden>
        {Array.from({ length: CARD_COUNT }, (_, index) => (
          <div key={index} className="card card--skeleton" aria-hidden="true">
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--value" />
            <div className="skeleton skeleton--line" />
          </div>
        ))}
      </div>
    );
  }
  if (query.data === undefined) {
    return (
      <div className="panel panel__error" role="alert">
        <p>{humanMessage(query.error)}</p>
        <Button size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return (
    <dl className="cards" aria-label="Summary">
      {cards(query.data).map((card) => (
        <div key={card.label} className="card">
          <dt className="card__label">{card.label}</dt>
          <dd className="card__value">{card.value}</dd>
          <dd className="card__detail">{card.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
