import { useEffect, type ReactNode } from 'react';
import { setPageTitle } from '../lib/documentTitle';

interface PageHeaderProps {
  /** The page's one h1, also the tab title ("Tasks · DevTrackr"). */
  title: string;
  description?: ReactNode;
  /** Buttons at the right of the title (wrap under it on a narrow screen). */
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useEffect(() => {
    setPageTitle(title);
  }, [title]);
  return (
    <header className="page-header">
      <div className="page-header__text">
        <h1 className="page-header__title">{title}</h1>
        {description !== undefined && <p className="page-header__description">{description}</p>}
      </div>
      {actions !== undefined && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
