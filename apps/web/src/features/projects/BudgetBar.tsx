import { cx } from '../../lib/cx';
import { formatDuration } from '../../lib/format';

export interface BudgetBarProps {
  /**
   * The all-time tracked minutes the percentage is of; null where only the percentage is
   * known (the team dashboard's figures are the period's, its percentage all-time).
   */
  trackedMinutes: number | null;
  budgetMinutes: number | null;
  /** The API's figure (tracked ÷ budget × 100); null without a budget. */
  usedPercent: number | null;
}

/** What the bar says, in words: the figure is never in the colour or the length alone. */
export function budgetText({ trackedMinutes, budgetMinutes, usedPercent }: BudgetBarProps): string {
  if (budgetMinutes === null || usedPercent === null) {
    return trackedMinutes === null
      ? 'No budget'
      : `${formatDuration(trackedMinutes)} tracked, no budget`;
  }
  const percent = Math.round(usedPercent);
  const over = usedPercent > 100 ? ', over budget' : '';
  const budget = formatDuration(budgetMinutes);
  return trackedMinutes === null
    ? `${percent}% of ${budget} used${over}`
    : `${formatDuration(trackedMinutes)} of ${budget} (${percent}%${over})`;
}

/**
 * A project's budget burn: tracked time against the budget. A native <meter> would do, but
 * its look differs per browser and cannot show "over"; this is a role="meter" with the same
 * semantics, capped at 100% wide and red past the budget.
 */
export function BudgetBar(props: BudgetBarProps) {
  const { budgetMinutes, usedPercent } = props;
  const text = budgetText(props);
  if (budgetMinutes === null || usedPercent === null) {
    return <span className="budget-bar__text">{text}</span>;
  }
  const over = usedPercent > 100;
  const width = Math.max(0, Math.min(100, usedPercent));
  return (
    <div className={cx('budget-bar', over && 'budget-bar--over')}>
      <div
        className="budget-bar__track"
        role="meter"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(usedPercent, 100))}
        aria-valuetext={text}
      >
        <div className="budget-bar__fill" style={{ width: `${width}%` }} />
      </div>
      <span className="budget-bar__text">{text}</span>
    </div>
  );
}
