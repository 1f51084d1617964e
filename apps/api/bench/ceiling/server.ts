/**
 * Starts the ceiling server (see app.ts). Run from the build by bench/run.ts:
 *   DATABASE_URL=... JWT_SECRET=... DB_POOL_MAX=10 PORT=0 node dist/bench/ceiling/server.js
 */
import { startCeiling } from './app.js';

const env = process.env;
const databaseUrl = env.DATABASE_URL;
const jwtSecret = env.JWT_SECRET;
if (!databaseUrl || !jwtSecret) {
  process.stderr.write('ceiling: DATABASE_URL and JWT_SECRET are required\n');
  process.exit(78);
}

const server = await startCeiling({
  databaseUrl,
  jwtSecret,
  jwtIssuer: env.JWT_ISSUER ?? 'devtrackr',
  jwtAudience: env.JWT_AUDIENCE ?? 'devtrackr-api',
  poolMax: Number(env.DB_POOL_MAX ?? 10),
  connectTimeoutMs: Number(env.DB_CONNECT_TIMEOUT_MS ?? 2000),
  port: Number(env.PORT ?? 0),
  accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 7200),
});
process.stdout.write(`LISTENING ${new URL(server.base).port}\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    void server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
