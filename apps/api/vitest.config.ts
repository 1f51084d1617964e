import { defineConfig } from 'vitest/config';

// Every test runs on PGlite; when TEST_DATABASE_URL is set, the same tests run again on
// PostgreSQL in a database the run creates and drops (see test/global-setup.ts).
const projects = [
  { extends: true as const, test: { name: 'pglite', env: { TEST_DB: 'pglite' } } },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          extends: true as const,
          test: {
            name: 'pg',
            env: { TEST_DB: 'pg' },
            // These make their own PostgreSQL databases/clusters or need none: once per run is enough.
            exclude: [
              'test/fault-*.test.ts',
              'test/multinode*.test.ts',
              'test/prod-packaging.test.ts',
              'test/bench-smoke.test.ts',
              'node_modules/**',
            ],
          },
        },
      ]
    : []),
];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/db/migrate-cli.ts', 'src/db/migrations/**'],
      thresholds: { lines: 85 },
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
