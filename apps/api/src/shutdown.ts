import type { FastifyInstance } from 'fastify';

/**
 * Stops accepting connections, lets in-flight requests finish within `graceMs`, then closes the
 * database (onClose hooks) and exits 0. Past the grace period it exits 1: something refused to
 * finish, and an orchestrator should know.
 */
export function gracefulClose(
  app: FastifyInstance,
  graceMs: number,
  exit: (code: number) => void,
): Promise<void> {
  const timer = setTimeout(() => {
    app.log.error({ graceMs }, 'shutdown grace period exceeded; exiting');
    exit(1);
  }, graceMs);
  timer.unref();
  return app.close().then(
    () => {
      clearTimeout(timer);
      app.log.info('shutdown complete');
      exit(0);
    },
    (err: unknown) => {
      clearTimeout(timer);
      app.log.error({ err }, 'error during shutdown');
      exit(1);
    },
  );
}

/** Runs gracefulClose once on the first SIGTERM or SIGINT. */
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
    void gracefulClose(app, graceMs, exit);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
