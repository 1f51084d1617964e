import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the tests never load the PWA plugin (no service worker in jsdom).
// Two projects in one run (`npm test`): `unit`, the component tests in jsdom, and `e2e`, the
// browser suite against the production build (e2e/README.md). Run one with --project.
export default defineConfig({
  plugins: [react()],
  test: {
    // Coverage is a run-wide setting; it counts src/ only, which the e2e project never imports
    // (its browser runs the built app), so the figures are the unit project's.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/**/*.test.{ts,tsx}', 'src/test/**', 'src/main.tsx', 'src/vite-env.d.ts'],
      thresholds: { lines: 75 },
      reporter: ['text-summary', 'json-summary'],
    },
    projects: [
      {
        // The root's plugins and resolve settings apply here (the React transform).
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          // jsdom starts slowly on a busy machine; the default 5 s is tight for the first render.
          testTimeout: 15_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          // Builds if needed, then starts the one production server of the run.
          globalSetup: ['e2e/global-setup.ts'],
          // After the unit tests, so the browser and the server get the machine's cores.
          sequence: { groupOrder: 1 },
          // One file at a time, in one process: Chromium and the API share two cores, and a
          // test's timing should be the user's, not a race between files.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          // A test walks several pages of a real browser against a real server.
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
