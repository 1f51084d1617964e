import { cx } from '../lib/cx';
import { VisuallyHidden } from './VisuallyHidden';

interface SpinnerProps {
  /** What is loading, for screen readers ("Loading tasks"). */
  label?: string;
  /** Centred in a block that fills its container (a page or panel loading). */
  block?: boolean;
}

export function Spinner({ label = 'Loading', block = false }: SpinnerProps) {
  return (
    <span role="status" className={cx('spinner-wrap', block && 'spinner-wrap--block')}>
      <span className="spinner" aria-hidden="true" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </span>
  );
}
