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
    ...overrides,
  });
}
