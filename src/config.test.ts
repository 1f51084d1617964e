import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    expect(problems).toHaveLength(6);
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'DATABASE_URL',
      'MIGRATE_ON_START',
      'DB_POOL_MAX',
      'JWT_SECRET',
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

  it('generates a secret outside production, keeps it in DATA_DIR and warns', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.auth.jwtSecretSource).toBe('generated');
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.warnings.join()).toContain('JWT_SECRET is not set');
    const file = join(dir, '.jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.auth.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.auth.jwtSecretSource).toBe('file');
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
    });
  });

  it('are off by default under NODE_ENV=test only, and can be switched on there', () => {
    const base = { JWT_SECRET: SECRET, DATA_DIR: tmp(), NODE_ENV: 'test' };
    expect(loadConfig(base).rateLimit.enabled).toBe(false);
    expect(loadConfig({ ...base, RATE_LIMIT_ENABLED: 'true' }).rateLimit.enabled).toBe(true);
    expect(loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production' }).rateLimit.enabled).toBe(true);
  });

  it('warns when throttling is switched off in production', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      NODE_ENV: 'production',
      RATE_LIMIT_ENABLED: 'false',
    });
    expect(config.warnings.join()).toContain('RATE_LIMIT_ENABLED=false');
  });
});
