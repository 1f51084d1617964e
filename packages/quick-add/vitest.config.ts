import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // types.ts and index.ts hold declarations and re-exports only.
      exclude: ['src/types.ts', 'src/index.ts'],
      thresholds: { lines: 95 },
      reporter: ['text', 'json-summary'],
    },
  },
});
