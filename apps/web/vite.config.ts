import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API's own paths (DESIGN §3). The app lives under /app/, so none of them collides with a
// page; in development the dev server forwards them to the API, as the API itself would serve
// both in production.
const API_PATHS = [
  '/auth',
  '/tasks',
  '/timer',
  '/time-entries',
  '/time',
  '/metrics',
  '/health',
  '/ready',
  '/hello',
  '/docs',
  '/openapi.json',
];
const API_ORIGIN = 'http://127.0.0.1:8000';

export default defineConfig({
  base: '/app/',
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // 'script' links an external registerSW.js; 'inline' would break `script-src 'self'`.
      injectRegister: 'script',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'DevTrackr',
        short_name: 'DevTrackr',
        description: 'Tasks, timers and honest numbers for developers',
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        theme_color: '#1e40af',
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The shell and every lazy page chunk, so the app opens (and says it is offline) offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/app/index.html',
        // Only the app's pages; /docs, /openapi.json and the API stay network-only.
        navigateFallbackAllowlist: [/^\/app(\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: the chunk graph scripts/check-budgets.mjs walks (npm run budgets).
    manifest: true,
    // Every browser the app supports has modulepreload: the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // Budgets are enforced on gzip sizes elsewhere; this only keeps the warning meaningful.
    chunkSizeWarningLimit: 700,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: API_ORIGIN }])),
  },
  preview: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: API_ORIGIN }])),
  },
});
