import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { humanMessage } from '../api/problem';
import { useMe } from '../auth/useMe';
import { useSignOut } from '../auth/useSignOut';
import { Button } from '../components/Button';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { OfflineBanner } from '../components/OfflineBanner';
import { Spinner } from '../components/Spinner';
import { useToast } from '../components/Toast';
import { GlobalCommands } from '../features/commands/GlobalCommands';
import TimerBar from '../features/timer/TimerBar';
import { useWorkspaces, WorkspaceProvider } from '../features/workspaces/WorkspaceProvider';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher';
import { ThemeSwitch } from '../theme/ThemeSwitch';

/** The main navigation, in order. A new top-level page adds its entry here. */
export const NAV_ITEMS = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/tasks', label: 'Tasks', end: false },
  { to: '/board', label: 'Board', end: false },
  { to: '/week', label: 'Week', end: false },
  { to: '/settings', label: 'Settings', end: false },
] as const;

/** What a team workspace adds after Week: its projects and the team's figures. */
export const TEAM_NAV_ITEMS = [
  { to: '/projects', label: 'Projects', end: false },
  { to: '/team', label: 'Team', end: false },
] as const;

export interface NavItem {
  to: string;
  label: string;
  end: boolean;
}

/** The navigation for the current workspace: a personal one shows what it always did. */
export function navItems(team: boolean): NavItem[] {
  if (!team) return [...NAV_ITEMS];
  const settings = NAV_ITEMS.length - 1;
  return [...NAV_ITEMS.slice(0, settings), ...TEAM_NAV_ITEMS, ...NAV_ITEMS.slice(settings)];
}

/** The signed-in shell, inside the current workspace (features/workspaces). */
export function Layout() {
  return (
    <WorkspaceProvider>
      <Shell />
    </WorkspaceProvider>
  );
}

/** The signed-in shell: skip link, header with navigation, timer bar, offline banner, the page. */
function Shell() {
  const location = useLocation();
  const { current } = useWorkspaces();
  const items = navItems(current !== undefined && !current.personal);
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const me = useMe();
  const signOut = useSignOut();
  const toast = useToast();

  // A new page: close the small-screen menu and move focus to the content, as a full page load
  // would, so keyboard and screen-reader users start at the top of the new page.
  const firstRender = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="topbar__brand" to="/">
          DevTrackr
        </Link>
        <button
          type="button"
          className="topbar__menu btn btn--ghost"
          aria-expanded={menuOpen}
          aria-controls="topbar-panel"
          onClick={() => {
            setMenuOpen((open) => !open);
          }}
        >
          Menu
        </button>
        {/* On a narrow screen the navigation and the account controls fold behind Menu. */}
        <div
          id="topbar-panel"
          className={menuOpen ? 'topbar__panel topbar__panel--open' : 'topbar__panel'}
        >
          <nav aria-label="Main" className="topbar__nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="topbar__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="topbar__end">
            <WorkspaceSwitcher />
            <ThemeSwitch />
            {me.data !== undefined && (
              <span className="topbar__user" title={me.data.email}>
                {me.data.full_name ?? me.data.email}
              </span>
            )}
            <Button
              variant="ghost"
              size="sm"
              pending={signOut.isPending}
              onClick={() => {
                signOut.mutate(undefined, {
                  onError: (error) => {
                    toast({
                      title: 'Sign-out failed',
                      description: humanMessage(error),
                      tone: 'error',
                    });
                  },
                });
              }}
            >
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <div className="timer-slot">
        <TimerBar />
      </div>
      <OfflineBanner />
      <GlobalCommands pages={items} />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<Spinner label="Loading page" block />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
