import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef';

/** A config for tests: fixed secret, silent logs, a throwaway DATA_DIR. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-test-')),
    // Load shedding watches event-loop delay, which PGlite (synchronous WASM) and a loaded 2-core
    // CI machine push past any sane production limit; tests of shedding switch it on themselves.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_HEAP_USED_MB: '0',
    PRESSURE_MAX_RSS_MB: '0',
    ...overrides,
  });
}
