import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One production API serves every test file; the files make their own users.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // bin.ts only hands process I/O to main() (run for real by the subprocess tests, which
      // coverage does not see); types.ts holds declarations only.
      exclude: ['src/bin.ts', 'src/commands/types.ts'],
      thresholds: { lines: 85 },
      reporter: ['text', 'json-summary'],
    },
  },
});
