import type { ReactNode } from 'react';
import { OfflineBanner } from '../../components/OfflineBanner';
import { PageHeader } from '../../components/PageHeader';
import { ThemeSwitch } from '../../theme/ThemeSwitch';

/** The frame of the signed-out pages: brand, one centred card, the offline banner. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth">
      <header className="auth__top">
        <span className="auth__brand">DevTrackr</span>
        <ThemeSwitch />
      </header>
      <OfflineBanner />
      <main id="main" className="auth__card">
        <PageHeader title={title} />
        {children}
      </main>
    </div>
  );
}
