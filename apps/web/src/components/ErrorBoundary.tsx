import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from './Button';

/** A lazy page whose chunk could not be fetched: offline, or a new version replaced it. */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      error.message,
    )
  );
}

/** The friendly replacement for a crashed page: what happened and a way out. Never a blank screen. */
export function ErrorFallback({ error }: { error: unknown }) {
  const chunk = isChunkLoadError(error);
  return (
    <div role="alert" className="error-fallback">
      <h1 className="error-fallback__title">
        {chunk ? 'This page could not be loaded' : 'Something went wrong'}
      </h1>
      <p>
        {chunk
          ? 'You may be offline, or DevTrackr was just updated. Reloading usually fixes it.'
          : 'This page hit an unexpected error. Your saved data is safe; reloading usually fixes it.'}
      </p>
      <div className="error-fallback__actions">
        <Button
          variant="primary"
          onClick={() => {
            window.location.reload();
          }}
        >
          Reload
        </Button>
        <a className="btn btn--ghost" href="/app/">
          Go to the dashboard
        </a>
      </div>
    </div>
  );
}

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the default fallback. */
  fallback?: (error: unknown) => ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
  failed: boolean;
}

/**
 * Catches render errors below it. Give it a `key` that changes with the page (the layout uses
 * the path) so moving to another page tries again instead of keeping the fallback.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is where a developer reporting a bug will look; nothing is sent anywhere.
    console.error('Render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return this.props.fallback?.(this.state.error) ?? <ErrorFallback error={this.state.error} />;
  }
}
