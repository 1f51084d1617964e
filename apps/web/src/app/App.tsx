import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { BrowserRouter, useRoutes } from 'react-router';
import { ApiProvider } from '../api/ApiProvider';
import type { Api } from '../api/client';
import { SessionProvider } from '../auth/SessionProvider';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ToastProvider } from '../components/Toast';
import { createQueryClient } from '../lib/queryClient';
import { routes } from './routes';
import { ThemeProvider } from '../theme/ThemeProvider';

export interface AppProvidersProps {
  children: ReactNode;
  /** The API to use (default: the app's one instance); tests pass one with a fake fetch. */
  api?: Api;
  /** Default: a fresh client with the app's defaults. */
  queryClient?: QueryClient;
}

/** Everything a page relies on, outermost first. Tests render pages inside this too. */
export function AppProviders({ children, api, queryClient }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ErrorBoundary>
      <ThemeProvider>
        <ApiProvider api={api}>
          <QueryClientProvider client={client}>
            <ToastProvider>
              <SessionProvider>{children}</SessionProvider>
            </ToastProvider>
          </QueryClientProvider>
        </ApiProvider>
      </ThemeProvider>
    </ErrorBoundary>
  );
}

/** The route table, rendered by whichever router is around it. */
export function AppRoutes() {
  return useRoutes(routes);
}

/** The app in the browser, under /app. */
export function App(providers: Omit<AppProvidersProps, 'children'>) {
  return (
    <AppProviders {...providers}>
      <BrowserRouter basename="/app">
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
