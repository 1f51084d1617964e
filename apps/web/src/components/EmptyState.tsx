import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** The next step, usually a Button ("Add a task"). */
  action?: ReactNode;
}

/** What a page shows when there is nothing yet: what this place is for and what to do next. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2 className="empty-state__title">{title}</h2>
      {children !== undefined && <div className="empty-state__body">{children}</div>}
      {action !== undefined && <div className="empty-state__action">{action}</div>}
    </section>
  );
}
