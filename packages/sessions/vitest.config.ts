import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // index.ts holds re-exports only.
      exclude: ['src/index.ts'],
      thresholds: { lines: 95 },
      reporter: ['text', 'json-summary'],
    },
  },
});
