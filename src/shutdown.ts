import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish
 * within `graceMs`, then close the database (onClose hooks) and exit 0. Past the grace period the
 * process exits 1, because something refused to finish.
 */
export function installShutdown(
  app: FastifyInstance,
  graceMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown grace period exceeded; exiting');
      exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => {
        clearTimeout(timer);
        app.log.info('shutdown complete');
        exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
