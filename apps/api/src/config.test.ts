import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { withPersistedJwtSecret } from './jwt-secret.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'devtrackr-config-'));
const SECRET = 'x'.repeat(40);

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir, JWT_SECRET: SECRET });
    expect(config.port).toBe(8000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(dir);
    expect(config.migrateOnStart).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.http.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    // argon2 is CPU-bound: one hash per core at a time, never more than 4.
    expect(config.auth.maxConcurrentHashes).toBe(Math.min(4, availableParallelism()));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.db)).toBe(true);
  });

  it('DATA_DIR defaults to ./data', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('reads PORT, HOST, DATABASE_URL, LOG_LEVEL and MIGRATE_ON_START', () => {
    const config = loadConfig({
      PORT: '9001',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/app',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      JWT_SECRET: SECRET,
    });
    expect(config).toMatchObject({
      port: 9001,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/app',
      logLevel: 'warn',
      migrateOnStart: false,
    });
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        MIGRATE_ON_START: 'maybe',
        DB_POOL_MAX: '0',
        NODE_ENV: 'production',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(7);
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'DATABASE_URL',
      'MIGRATE_ON_START',
      'DB_POOL_MAX',
      'JWT_SECRET',
      'METRICS_TOKEN',
    ]) {
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true);
    }
    expect((error as Error).message).toContain('Invalid configuration');
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp() })).toThrow(
      /JWT_SECRET is required/,
    );
  });

  it('rejects a short JWT_SECRET', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short', DATA_DIR: tmp() })).toThrow(/at least 32/);
  });

  it('generates a secret at server start outside production, keeps it in DATA_DIR and warns', () => {
    const dir = tmp();
    // server.ts start() runs withPersistedJwtSecret on the loaded config.
    const first = withPersistedJwtSecret(loadConfig({ DATA_DIR: dir }));
    expect(first.auth.jwtSecretSource).toBe('generated');
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.warnings.join()).toContain('JWT_SECRET is not set');
    expect(Object.isFrozen(first.auth)).toBe(true);
    const file = join(dir, '.jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.auth.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = withPersistedJwtSecret(loadConfig({ DATA_DIR: dir }));
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.auth.jwtSecretSource).toBe('file');
  });

  it('leaves a config with JWT_SECRET as it is at server start, and writes no file', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir, JWT_SECRET: SECRET });
    expect(withPersistedJwtSecret(config)).toBe(config);
    expect(config.auth).toMatchObject({ jwtSecret: SECRET, jwtSecretSource: 'env' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('loading writes nothing: without JWT_SECRET the secret is left for server start', () => {
    const dir = join(tmp(), 'nested');
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.auth).toMatchObject({ jwtSecret: '', jwtSecretSource: 'unset' });
    expect(config.warnings).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('writes nothing to disk when the config is invalid', () => {
    const dir = join(tmp(), 'nested');
    expect(() => loadConfig({ DATA_DIR: dir, PORT: '-1' })).toThrow(ConfigError);
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects out-of-range numbers', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, PORT: '70000' })).toThrow(/PORT must be between/);
  });
});

describe('the web app and its session cookie', () => {
  it('serve apps/web/dist of this repository by default, and WEB_DIST_DIR elsewhere', () => {
    // The repository layout, from this file: apps/api/src/ → apps/web/dist.
    const repositoryDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
    expect(loadConfig({ JWT_SECRET: SECRET }).webDistDir).toBe(repositoryDist);
    const dir = tmp();
    expect(loadConfig({ JWT_SECRET: SECRET, WEB_DIST_DIR: dir }).webDistDir).toBe(dir);
    expect(loadConfig({ JWT_SECRET: SECRET, WEB_DIST_DIR: 'site' }).webDistDir).toBe(
      join(process.cwd(), 'site'),
    );
  });

  it('make the cookie Secure only over HTTPS, unless COOKIE_SECURE=true', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).auth.cookieSecure).toBe(false);
    expect(loadConfig({ JWT_SECRET: SECRET, COOKIE_SECURE: 'true' }).auth.cookieSecure).toBe(true);
    expect(() => loadConfig({ JWT_SECRET: SECRET, COOKIE_SECURE: 'always' })).toThrow(
      /COOKIE_SECURE must be true or false/,
    );
  });
});

describe('rate limit settings', () => {
  it('are on by default with the documented limits', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, DATA_DIR: tmp() });
    expect(config.rateLimit).toEqual({
      enabled: true,
      loginPerAccount: 10,
      loginPerIp: 30,
      registerPerIp: 10,
      refreshPerIp: 60,
      windowMs: 60_000,
      globalMax: 600,
      globalWindowMs: 60_000,
    });
  });

  it('are off by default under NODE_ENV=test only, and can be switched on there', () => {
    const base = { JWT_SECRET: SECRET, DATA_DIR: tmp(), NODE_ENV: 'test' };
    expect(loadConfig(base).rateLimit.enabled).toBe(false);
    expect(loadConfig({ ...base, RATE_LIMIT_ENABLED: 'true' }).rateLimit.enabled).toBe(true);
    expect(
      loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production', METRICS_PUBLIC: 'true' }).rateLimit
        .enabled,
    ).toBe(true);
  });

  it('warns when throttling is switched off in production', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      NODE_ENV: 'production',
      METRICS_TOKEN: 'a-long-enough-token',
      RATE_LIMIT_ENABLED: 'false',
    });
    expect(config.warnings.join()).toContain('RATE_LIMIT_ENABLED=false');
  });
});

describe('production settings (CORS, Redis, global rate limit, Prometheus, load shedding)', () => {
  const base = { JWT_SECRET: SECRET, DATA_DIR: tmp() };
  const problemsOf = (env: Record<string, string>): readonly string[] => {
    try {
      loadConfig({ ...base, ...env });
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('production refuses to start without METRICS_TOKEN unless METRICS_PUBLIC=true (issue 12, D12)', () => {
    const prod = { NODE_ENV: 'production' };
    expect(problemsOf(prod)).toEqual([expect.stringMatching(/^METRICS_TOKEN is required/)]);
    expect(problemsOf({ ...prod, METRICS_PUBLIC: 'true' })).toEqual([]);
    expect(problemsOf({ ...prod, METRICS_TOKEN: 'a-long-enough-token' })).toEqual([]);
    // Outside production the endpoint may stay open, as before.
    expect(problemsOf({ NODE_ENV: 'development' })).toEqual([]);
  });

  it('have the documented defaults', () => {
    const { production: p } = loadConfig(base);
    expect(p).toMatchObject({
      corsOrigins: [],
      redisUrl: undefined,
      redisKeyPrefix: 'devtrackr:',
      pressureMaxEventLoopDelayMs: 1000,
      pressureMaxRssBytes: 0,
      pressureSampleIntervalMs: 1000,
      pressureRetryAfterSeconds: 10,
    });
    // 90% of this process's V8 heap limit.
    expect(p.pressureMaxHeapUsedBytes).toBe(Math.floor(getHeapStatistics().heap_size_limit * 0.9));
    expect(Object.isFrozen(p)).toBe(true);
    expect(loadConfig(base).prometheus).toEqual({ token: undefined, public: false });
  });

  it('switch load shedding off under NODE_ENV=test unless asked for', () => {
    const { production: p } = loadConfig({ ...base, NODE_ENV: 'test' });
    expect(p.pressureMaxEventLoopDelayMs).toBe(0);
    expect(p.pressureMaxHeapUsedBytes).toBe(0);
    const asked = loadConfig({
      ...base,
      NODE_ENV: 'test',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '200',
      PRESSURE_MAX_HEAP_USED_MB: '512',
      PRESSURE_MAX_RSS_MB: '1024',
    }).production;
    expect(asked.pressureMaxEventLoopDelayMs).toBe(200);
    expect(asked.pressureMaxHeapUsedBytes).toBe(512 * 1024 * 1024);
    expect(asked.pressureMaxRssBytes).toBe(1024 * 1024 * 1024);
  });

  it('read every variable', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://u@db:5432/app',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/',
      REDIS_URL: 'redis://cache:6379/2',
      REDIS_KEY_PREFIX: 'dt:',
      RATE_LIMIT_GLOBAL_MAX: '100',
      RATE_LIMIT_GLOBAL_WINDOW_MS: '10000',
      METRICS_TOKEN: 'a-long-enough-token',
      METRICS_PUBLIC: 'true',
      PRESSURE_SAMPLE_INTERVAL_MS: '250',
      PRESSURE_RETRY_AFTER_SECONDS: '3',
    });
    expect(config.production).toMatchObject({
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      redisUrl: 'redis://cache:6379/2',
      redisKeyPrefix: 'dt:',
      pressureSampleIntervalMs: 250,
      pressureRetryAfterSeconds: 3,
    });
    // One group per concern, whatever the env names' history.
    expect(config.rateLimit).toMatchObject({ globalMax: 100, globalWindowMs: 10_000 });
    expect(config.prometheus).toEqual({ token: 'a-long-enough-token', public: true });
  });

  it('accept a lone * for any origin; CORS credentials are refused whatever the origins', () => {
    expect(loadConfig({ ...base, CORS_ORIGINS: '*' }).production.corsOrigins).toBe('*');
    const refusal = [
      'CORS_ALLOW_CREDENTIALS is no longer supported: cross-origin requests never carry ' +
        "credentials (the web app's session cookie is for the API's own origin only)",
    ];
    expect(problemsOf({ CORS_ORIGINS: '*', CORS_ALLOW_CREDENTIALS: 'true' })).toEqual(refusal);
    expect(
      problemsOf({ CORS_ORIGINS: 'https://a.example', CORS_ALLOW_CREDENTIALS: 'true' }),
    ).toEqual(refusal);
    expect(problemsOf({ CORS_ALLOW_CREDENTIALS: 'false' })).toEqual([]);
  });

  it('refuse origins that are not bare scheme://host[:port]', () => {
    for (const bad of [
      'app.example.com',
      'https://app.example.com/path',
      'ftp://x.org',
      '*, https://a.org',
    ]) {
      const problems = problemsOf({ CORS_ORIGINS: bad });
      expect(problems.length, bad).toBeGreaterThan(0);
      expect(problems.join('\n')).toContain('CORS_ORIGINS');
    }
  });

  it('list every problem: a bad Redis URL, a short metrics token, out-of-range limits', () => {
    const problems = problemsOf({
      REDIS_URL: 'http://cache',
      METRICS_TOKEN: 'short',
      RATE_LIMIT_GLOBAL_MAX: '0',
      RATE_LIMIT_GLOBAL_WINDOW_MS: '10',
      PRESSURE_SAMPLE_INTERVAL_MS: '1',
    }).join('\n');
    for (const name of [
      'REDIS_URL',
      'METRICS_TOKEN',
      'RATE_LIMIT_GLOBAL_MAX',
      'RATE_LIMIT_GLOBAL_WINDOW_MS',
      'PRESSURE_SAMPLE_INTERVAL_MS',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('warn when Redis is set without PostgreSQL (the embedded database is single-process)', () => {
    const config = loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.warnings.join('\n')).toContain('REDIS_URL is set but DATABASE_URL is not');
  });
});
