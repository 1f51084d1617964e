/**
 * Prints the SQL statements DevTrackr sends to PostgreSQL for one request of each benchmark
 * scenario, so the ceiling server (bench/ceiling/) can be checked to run the same SQL.
 *
 *   npx tsx bench/sql-trace.ts            # DevTrackr's statements
 *   npx tsx bench/sql-trace.ts --ceiling  # the ceiling's statements too, and a comparison
 *
 * It creates a throwaway database (BENCH_DATABASE_URL, default the local postgres), migrates it,
 * seeds one user with a few tasks and entries through SQL, runs each request in-process (inject),
 * records every statement from pg's Client.query, and drops the database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createPgDatabase } from '../src/db/pg.js';
import { createBenchDatabase, dropBenchDatabase } from './lib/database.js';
import { seedDatabase } from './lib/seed.js';
import { SIZES } from './lib/modes.js';
import { buildFixture } from './lib/fixture.js';
import { scenarioList, type ScenarioRequest } from './lib/scenarios.js';
import { loginAll } from './lib/tokens.js';

const withCeiling = process.argv.includes('--ceiling');

interface Traced {
  text: string;
}

/** Records every statement any pg client in this process sends while `record` is on. */
function installTracer(): { take(): Traced[]; on(v: boolean): void } {
  let recording = false;
  let statements: Traced[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- rebound with apply() below
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function traced(this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const first = args[0] as string | { text: string };
      statements.push({ text: typeof first === 'string' ? first : first.text });
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    take() {
      const out = statements;
      statements = [];
      return out;
    },
    on(v: boolean) {
      recording = v;
    },
  };
}

export const normaliseSql = (text: string): string => text.replace(/\s+/g, ' ').trim();

async function main(): Promise<void> {
  const tracer = installTracer();
  const name = `devtrackr_bench_trace_${randomBytes(4).toString('hex')}`;
  const url = await createBenchDatabase(name);
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'production',
    METRICS_PUBLIC: 'true',
    JWT_SECRET: jwtSecret,
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-trace-')),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'false',
    // Every request checks its session in the database, as a cache miss does.
    AUTH_CACHE_MS: '0',
  });
  const database = createPgDatabase(
    { url, poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 0 },
    pino({ level: 'silent' }),
  );
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let ceiling: { close(): Promise<void>; base: string } | undefined;
  try {
    await seedDatabase(url, SIZES.smoke, () => undefined);
    const tokens = await loginAll(base, url, SIZES.smoke, () => undefined);
    const fixture = await buildFixture(url, SIZES.smoke, tokens, jwtSecret);
    if (withCeiling) {
      const { startCeiling } = await import('./ceiling/app.js');
      ceiling = await startCeiling({
        databaseUrl: url,
        jwtSecret,
        jwtIssuer: config.auth.jwtIssuer,
        jwtAudience: config.auth.jwtAudience,
        poolMax: 2,
        port: 0,
      });
    }
    const send = async (target: string, r: ScenarioRequest): Promise<number> => {
      const res = await fetch(target + r.path, {
        method: r.method,
        headers: r.headers,
        ...(r.body !== undefined ? { body: r.body } : {}),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const verdicts: string[] = [];
    for (const scenario of scenarioList(fixture, { connections: 1 })) {
      const requests = scenario.sequences[0] ?? [];
      const seen: Record<string, string[]> = {};
      for (const [label, target] of [
        ['devtrackr', base],
        ...(ceiling ? [['ceiling', ceiling.base]] : []),
      ] as const) {
        const statuses: number[] = [];
        tracer.on(true);
        for (const r of requests.slice(0, scenario.traceRequests ?? 1)) {
          statuses.push(await send(target, r));
        }
        tracer.on(false);
        const statements = tracer.take().map((s) => normaliseSql(s.text));
        seen[label] = statements;
        console.log(
          `\n## ${scenario.name} — ${label} (HTTP ${statuses.join(', ')}): ${statements.length} statements`,
        );
        for (const s of statements) console.log(`  ${s.length > 300 ? `${s.slice(0, 300)}…` : s}`);
      }
      if (ceiling) {
        // DevTrackr's own extra: the session check of the access token (cached 2 s when serving).
        const app = (seen.devtrackr ?? []).filter((s) => !s.includes('from "sessions" inner join'));
        const same = JSON.stringify(app) === JSON.stringify(seen.ceiling ?? []);
        verdicts.push(`  ${scenario.name.padEnd(24)} ${same ? 'same SQL' : 'DIFFERENT SQL'}`);
      }
    }
    if (ceiling) {
      console.log('\n## DevTrackr (minus its session check) vs ceiling');
      for (const v of verdicts) console.log(v);
    }
  } finally {
    await ceiling?.close();
    await app.close();
    await database.close();
    await dropBenchDatabase(name);
  }
}

await main();
