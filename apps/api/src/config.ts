import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { config as loadDotenv } from 'dotenv';

/**
 * The only module that reads process.env. Everything is parsed and validated once, every problem
 * is collected (not just the first), and the result is frozen so no code path can drift from it.
 * Loading is pure: it reads the environment (and .env) and touches nothing else; the development
 * JWT secret file is read or created at server start (jwt-secret.ts).
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly nodeEnv: string;
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Unset means the embedded PGlite database in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /**
   * WEB_DIST_DIR: the built web app (`npm run build -w @devtrackr/web`), served at /app/.
   * Default: apps/web/dist of this repository, found from the API package's root.
   */
  readonly webDistDir: string;
  readonly migrateOnStart: boolean;
  /** ACTIVITY_RETENTION_DAYS: editor heartbeats older than this many days are purged. */
  readonly activityRetentionDays: number;
  readonly db: {
    readonly poolMax: number;
    readonly connectTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  readonly http: {
    readonly requestTimeoutMs: number;
    readonly connectionTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly shutdownGraceMs: number;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
  };
  readonly auth: {
    /** Empty while jwtSecretSource is 'unset'. */
    readonly jwtSecret: string;
    /**
     * Where the secret came from. 'unset': JWT_SECRET is not set (outside production); server
     * start then uses the one kept in dataDir ('file'), creating it first ('generated').
     */
    readonly jwtSecretSource: 'env' | 'unset' | 'file' | 'generated';
    readonly jwtIssuer: string;
    readonly jwtAudience: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlDays: number;
    /** How long a positive session/token check may be reused from memory. Bounded by the 5 s rule. */
    readonly sessionCacheMs: number;
    readonly maxConcurrentHashes: number;
    /**
     * COOKIE_SECURE=true: the browser session cookie is always `Secure`. Otherwise it is
     * `Secure` when the request came over HTTPS (as TRUST_PROXY lets the server see it).
     */
    readonly cookieSecure: boolean;
  };
  /**
   * Every rate limit (RATE_LIMIT_*). The credential endpoints' fixed-window throttles: POST
   * /auth/login per account and per client IP, POST /auth/register and POST /auth/refresh per
   * IP, and password confirmations (change-password, account deletion) per user, which share the
   * per-account login limit; each counts requests in one window of `windowMs`. On top of them,
   * the global limit: `globalMax` requests per `globalWindowMs`, per user (per IP when anonymous).
   */
  readonly rateLimit: {
    /**
     * RATE_LIMIT_ENABLED, for all of them. Defaults to true, except under NODE_ENV=test, where
     * suites create many users from one address; the throttling tests switch it on explicitly.
     */
    readonly enabled: boolean;
    readonly loginPerAccount: number;
    readonly loginPerIp: number;
    readonly registerPerIp: number;
    readonly refreshPerIp: number;
    readonly windowMs: number;
    /** RATE_LIMIT_GLOBAL_MAX and RATE_LIMIT_GLOBAL_WINDOW_MS. */
    readonly globalMax: number;
    readonly globalWindowMs: number;
  };
  /** The Prometheus exporter at GET /-/metrics (plugins/prometheus.ts). */
  readonly prometheus: {
    /**
     * METRICS_TOKEN: when set, a scrape needs `Authorization: Bearer <token>`. In production it
     * is required unless `public` says the endpoint is meant to be open (it exposes the Node
     * version, per-route counters and pool statistics).
     */
    readonly token: string | undefined;
    /** METRICS_PUBLIC=true: serve /-/metrics without a token, in production too. */
    readonly public: boolean;
  };
  /** Production hardening (issue 8): browser access, shared counters, load shedding. */
  readonly production: ProductionConfig;
  /** Messages to log once the logger exists (config loads before it). */
  readonly warnings: readonly string[];
}

export interface ProductionConfig {
  /**
   * CORS_ORIGINS: exact origins (`https://app.example.com`) allowed to call the API from a
   * browser, or `*` for any origin (then never with credentials). Empty: no cross-origin access.
   */
  readonly corsOrigins: readonly string[] | '*';
  /** REDIS_URL: shared rate-limit counters for several processes; unset = in memory. */
  readonly redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: namespaces every key, so several deployments can share one Redis. */
  readonly redisKeyPrefix: string;
  /**
   * Load shedding (PRESSURE_*): past any limit, requests get 503 server_busy. 0 disables a check.
   * Event-loop delay defaults to 1000 ms and heap to 90% of this process's V8 heap limit, except
   * under NODE_ENV=test, where both default to off.
   */
  readonly pressureMaxEventLoopDelayMs: number;
  readonly pressureMaxHeapUsedBytes: number;
  readonly pressureMaxRssBytes: number;
  readonly pressureSampleIntervalMs: number;
  readonly pressureRetryAfterSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? undefined : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw.trim())) {
      this.problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    const n = Number(raw.trim());
    if (n < min || n > max) {
      this.problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${this.env[name] ?? ''}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

const MIN_SECRET_LENGTH = 32;

/**
 * The API package's folder (apps/api), found by walking up from this file: it is src/ under tsx,
 * dist/src/ after the build, and /app/apps/api/dist/src in the Docker image.
 */
function apiPackageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (!existsSync(candidate)) continue;
    const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown };
    if (pkg.name === '@devtrackr/api') return dir;
  }
  throw new Error(`no @devtrackr/api package.json above ${start}`);
}

/** apps/web/dist beside the API package: the same relative place in the repository and the image. */
const defaultWebDistDir = (): string => resolve(apiPackageRoot(), '../web/dist');

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/**
 * Builds the configuration from an environment (process.env by default, after .env is loaded).
 * Throws ConfigError listing every problem found.
 */
export function loadConfig(env: Env = readProcessEnv()): Config {
  const r = new Reader(env);
  const warnings: string[] = [];
  const nodeEnv = r.str('NODE_ENV', 'development');
  const isProduction = nodeEnv === 'production';

  const databaseUrl = r.optional('DATABASE_URL');
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    r.problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const dataDir = resolve(r.str('DATA_DIR', './data'));

  const host = r.str('HOST', '127.0.0.1');
  const port = r.int('PORT', 8000, 0, 65535);
  const logLevel = r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  const jwtSecret = r.optional('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < MIN_SECRET_LENGTH) {
    r.problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (jwtSecret === undefined && isProduction) {
    r.problems.push('JWT_SECRET is required when NODE_ENV=production');
  }

  const config: Config = {
    nodeEnv,
    isProduction,
    host,
    port,
    logLevel,
    databaseUrl,
    dataDir,
    webDistDir: resolve(r.optional('WEB_DIST_DIR') ?? defaultWebDistDir()),
    migrateOnStart: r.bool('MIGRATE_ON_START', true),
    activityRetentionDays: r.int('ACTIVITY_RETENTION_DAYS', 365, 1, 36_500),
    db: {
      poolMax: r.int('DB_POOL_MAX', 10, 1, 1000),
      connectTimeoutMs: r.int('DB_CONNECT_TIMEOUT_MS', 2000, 100, 60_000),
      statementTimeoutMs: r.int('DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    http: {
      requestTimeoutMs: r.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
      connectionTimeoutMs: r.int('HTTP_CONNECTION_TIMEOUT_MS', 60_000, 1000, 600_000),
      keepAliveTimeoutMs: r.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 600_000),
      shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
      bodyLimitBytes: MB,
      trustProxy: r.bool('TRUST_PROXY', false),
    },
    auth: {
      jwtSecret: jwtSecret ?? '',
      jwtSecretSource: jwtSecret === undefined ? 'unset' : 'env',
      jwtIssuer: r.str('JWT_ISSUER', 'devtrackr'),
      jwtAudience: r.str('JWT_AUDIENCE', 'devtrackr-api'),
      accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
      refreshTokenTtlDays: r.int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
      sessionCacheMs: r.int('AUTH_CACHE_MS', 2000, 0, 5000),
      // argon2 is CPU-bound: more hashes at once than cores adds 19 MiB each and no throughput.
      maxConcurrentHashes: r.int(
        'AUTH_MAX_CONCURRENT_HASHES',
        Math.min(4, availableParallelism()),
        1,
        256,
      ),
      cookieSecure: r.bool('COOKIE_SECURE', false),
    },
    rateLimit: {
      enabled: r.bool('RATE_LIMIT_ENABLED', nodeEnv !== 'test'),
      loginPerAccount: r.int('RATE_LIMIT_LOGIN_PER_ACCOUNT', 10, 1, 1_000_000),
      loginPerIp: r.int('RATE_LIMIT_LOGIN_PER_IP', 30, 1, 1_000_000),
      registerPerIp: r.int('RATE_LIMIT_REGISTER_PER_IP', 10, 1, 1_000_000),
      refreshPerIp: r.int('RATE_LIMIT_REFRESH_PER_IP', 60, 1, 1_000_000),
      windowMs: r.int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
      globalMax: r.int('RATE_LIMIT_GLOBAL_MAX', 600, 1, 10_000_000),
      globalWindowMs: r.int('RATE_LIMIT_GLOBAL_WINDOW_MS', 60_000, 1000, 86_400_000),
    },
    prometheus: readPrometheusConfig(r, isProduction),
    production: readProductionConfig(r, warnings, databaseUrl, nodeEnv),
    warnings,
  };

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  if (isProduction && !config.rateLimit.enabled) {
    warnings.push('RATE_LIMIT_ENABLED=false: login, register and refresh are not throttled.');
  }
  return deepFreeze(config);
}

/** Origins are compared exactly by browsers, so each entry must be a bare scheme://host[:port]. */
function parseOrigins(r: Reader, raw: string | undefined): readonly string[] | '*' {
  if (raw === undefined) return [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 1 && entries[0] === '*') return '*';
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const origin = url?.origin;
    if (
      url === undefined ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      origin === undefined ||
      entry.replace(/\/$/, '').toLowerCase() !== origin.toLowerCase()
    ) {
      r.problems.push(
        `CORS_ORIGINS entries must be origins like https://app.example.com (or a lone *), got "${entry}"`,
      );
      continue;
    }
    origins.push(origin);
  }
  return origins;
}

const MB = 1024 * 1024;

function readProductionConfig(
  r: Reader,
  warnings: string[],
  databaseUrl: string | undefined,
  nodeEnv: string,
): ProductionConfig {
  const corsOrigins = parseOrigins(r, r.optional('CORS_ORIGINS'));
  // Removed with the browser session (issue 14): its refresh cookie serves the app on the API's
  // own origin only. Refused rather than ignored, so a deployment that relied on it hears why.
  if (r.bool('CORS_ALLOW_CREDENTIALS', false)) {
    r.problems.push(
      'CORS_ALLOW_CREDENTIALS is no longer supported: cross-origin requests never carry ' +
        "credentials (the web app's session cookie is for the API's own origin only)",
    );
  }
  const redisUrl = r.optional('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/./.test(redisUrl)) {
    r.problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (redisUrl !== undefined && databaseUrl === undefined) {
    warnings.push(
      'REDIS_URL is set but DATABASE_URL is not: the embedded database serves one process only.',
    );
  }
  const heapMb = r.optional('PRESSURE_MAX_HEAP_USED_MB');
  // Under NODE_ENV=test, load shedding is off unless asked for: suites block the event loop
  // (PGlite queries run synchronously in WASM) and must not get a 503 for it.
  const shed = nodeEnv !== 'test';
  return {
    corsOrigins,
    redisUrl,
    redisKeyPrefix: r.str('REDIS_KEY_PREFIX', 'devtrackr:'),
    pressureMaxEventLoopDelayMs: r.int(
      'PRESSURE_MAX_EVENT_LOOP_DELAY_MS',
      shed ? 1000 : 0,
      0,
      60_000,
    ),
    pressureMaxHeapUsedBytes:
      heapMb === undefined
        ? shed
          ? Math.floor(getHeapStatistics().heap_size_limit * 0.9)
          : 0
        : r.int('PRESSURE_MAX_HEAP_USED_MB', 0, 0, 1_048_576) * MB,
    pressureMaxRssBytes: r.int('PRESSURE_MAX_RSS_MB', 0, 0, 1_048_576) * MB,
    pressureSampleIntervalMs: r.int('PRESSURE_SAMPLE_INTERVAL_MS', 1000, 10, 60_000),
    pressureRetryAfterSeconds: r.int('PRESSURE_RETRY_AFTER_SECONDS', 10, 1, 3600),
  };
}

/** The env names stay METRICS_* (deployments set them); the config says what they are for. */
function readPrometheusConfig(r: Reader, isProduction: boolean): Config['prometheus'] {
  const token = r.optional('METRICS_TOKEN');
  if (token !== undefined && token.length < 16) {
    r.problems.push('METRICS_TOKEN must be at least 16 characters');
  }
  const isPublic = r.bool('METRICS_PUBLIC', false);
  if (isProduction && token === undefined && !isPublic) {
    r.problems.push(
      'METRICS_TOKEN is required when NODE_ENV=production (16+ characters; Prometheus sends it as a bearer token), or set METRICS_PUBLIC=true to serve /-/metrics without one',
    );
  }
  return { token, public: isPublic };
}

function readProcessEnv(): Env {
  // .env fills in what the real environment leaves unset; it never overrides it.
  loadDotenv({ quiet: true });
  return process.env;
}

export function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
