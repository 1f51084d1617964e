import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { TEST_JWT_SECRET } from './helpers/config.js';
import { spawnTs, waitForListening } from './helpers/process.js';

const FIXTURE = 'test/fixtures/slow-server.ts';
const SERVER = 'src/server.ts';

/** Env for a real server process on this project's database. */
function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-proc-')),
  };
  if (inject('dbKind') === 'pg') base.DATABASE_URL = inject('pgUrl');
  return { ...base, ...extra };
}

describe('graceful shutdown (real process)', () => {
  it('SIGTERM: the in-flight request finishes with 200, new connections are refused, exit 0', async () => {
    const p = spawnTs(FIXTURE, serverEnv({ SLOW_MS: '1500' }));
    const port = await waitForListening(p);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const inFlight = fetch(`${base}/slow`, { headers: { connection: 'close' } });
    await new Promise((r) => setTimeout(r, 300));
    p.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));

    await expect(fetch(`${base}/health`, { headers: { connection: 'close' } })).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    const { code } = await p.exit;
    expect(code).toBe(0);
  }, 90_000);
});

describe('startup failures (real process)', () => {
  it('a bad config stops the process before it listens, listing every problem', async () => {
    const p = spawnTs(SERVER, serverEnv({ PORT: 'eighty', LOG_LEVEL: 'chatty' }));
    const { code } = await p.exit;
    expect(code).toBe(78);
    expect(p.stderr()).toContain('Invalid configuration');
    expect(p.stderr()).toContain('PORT');
    expect(p.stderr()).toContain('LOG_LEVEL');
    expect(p.stdout()).not.toContain('listening');
  }, 60_000);

  it('a second DevTrackr on the same PGlite DATA_DIR exits with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devtrackr-shared-'));
    const env = { ...serverEnv({ DATA_DIR: dataDir }) };
    delete env.DATABASE_URL;
    const first = spawnTs(FIXTURE, env);
    await waitForListening(first);
    try {
      const second = spawnTs(SERVER, env);
      const { code } = await second.exit;
      expect(code).toBe(78);
      expect(second.stderr()).toContain('is in use by another DevTrackr process');
    } finally {
      first.child.kill('SIGTERM');
      expect((await first.exit).code).toBe(0);
    }
  }, 120_000);
});

describe('development JWT secret (real process)', () => {
  it('outside production without JWT_SECRET, server start keeps a generated secret in DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devtrackr-secret-'));
    // Empty is unset (and beats a developer's .env, which never overrides the real environment).
    const p = spawnTs(FIXTURE, serverEnv({ DATA_DIR: dataDir, JWT_SECRET: '' }));
    await waitForListening(p);
    p.child.kill('SIGTERM');
    expect((await p.exit).code).toBe(0);
    const file = join(dataDir, '.jwt-secret');
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(p.stdout()).toContain(`JWT_SECRET is not set; using the secret generated in ${file}`);
  }, 90_000);
});
