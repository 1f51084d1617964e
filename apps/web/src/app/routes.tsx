import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { Spinner } from '../components/Spinner';
import { Layout } from './Layout';

// The route table, rendered with useRoutes (react-router's declarative mode: its data router
// would add ~18 KB gzipped to a shell whose budget is 120 KB). Every page is its own chunk
// (React.lazy), so the first load carries only the shell and the page asked for; the
// dashboard's charts never weigh on sign-in. Paths are relative to the basename, /app.
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const TasksPage = lazy(() => import('../features/tasks/TasksPage'));
const TaskDetailPage = lazy(() => import('../features/tasks/TaskDetailPage'));
const BoardPage = lazy(() => import('../features/tasks/BoardPage'));
const WeekPage = lazy(() => import('../features/week/WeekPage'));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));
const WorkspaceSettingsPage = lazy(() => import('../features/workspaces/WorkspaceSettingsPage'));
const InvitePage = lazy(() => import('../features/workspaces/InvitePage'));
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage'));
const TeamDashboardPage = lazy(() => import('../features/team/TeamDashboardPage'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

/** A page outside the layout (sign-in, register) gets its own loading fallback. */
function standalone(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spinner label="Loading page" block />}>
      <Page />
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { path: 'sign-in', element: standalone(SignInPage) },
  { path: 'register', element: standalone(RegisterPage) },
  {
    // Everything else needs a session; the layout holds the Suspense for its pages.
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'tasks', element: <TasksPage /> },
      { path: 'tasks/:id', element: <TaskDetailPage /> },
      { path: 'board', element: <BoardPage /> },
      { path: 'week', element: <WeekPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'workspace', element: <WorkspaceSettingsPage /> },
      // The token is in the fragment (#…): RequireAuth keeps it through sign-in.
      { path: 'invite', element: <InvitePage /> },
      { path: 'projects', element: <ProjectsPage /> },
      { path: 'team', element: <TeamDashboardPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
