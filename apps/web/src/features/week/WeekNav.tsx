import { Link } from 'react-router';
import { addDays } from '../time/zoneTime';

/** The week view's address for the week starting on `day` (this week's is the bare /week). */
export const weekPath = (day: string, thisWeek: string): string =>
  day === thisWeek ? '/week' : `/week?week=${day}`;

interface WeekNavProps {
  first: string;
  thisWeek: string;
}

/** Previous, this and next week as links (`?week=`): bookmarkable, and Back goes back. */
export function WeekNav({ first, thisWeek }: WeekNavProps) {
  const href = (day: string) => weekPath(day, thisWeek);
  return (
    <nav aria-label="Weeks" className="week-nav">
      <Link className="btn btn--secondary btn--sm" to={href(addDays(first, -7))}>
        <span aria-hidden="true">← </span>Previous week
      </Link>
      <Link
        className="btn btn--ghost btn--sm"
        to={href(thisWeek)}
        aria-current={first === thisWeek ? 'page' : undefined}
      >
        This week
      </Link>
      <Link className="btn btn--secondary btn--sm" to={href(addDays(first, 7))}>
        Next week<span aria-hidden="true"> →</span>
      </Link>
    </nav>
  );
}
