// @ts-check
// `node --test scripts/check-budgets.test.mjs` (run by `npm run budgets` before the check): the
// graph walking and verdicts of check-budgets.mjs on a small hand-written manifest shaped like
// Vite's (lazy chunks import the entry back, shared chunks have `_` keys).
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import {
  evaluateBudgets,
  formatTable,
  htmlScripts,
  shellFiles,
  staticClosure,
} from './check-budgets.mjs';

/** @type {import('./check-budgets.mjs').Manifest} */
const manifest = {
  'index.html': {
    file: 'assets/index-A.js',
    isEntry: true,
    imports: ['_vendor-B.js'],
    dynamicImports: [
      'src/features/auth/SignInPage.tsx',
      'src/features/dashboard/DashboardPage.tsx',
      'src/features/tasks/TasksPage.tsx',
    ],
    css: ['assets/index-A.css'],
  },
  '_vendor-B.js': { file: 'assets/vendor-B.js' },
  '_AuthLayout-C.js': { file: 'assets/AuthLayout-C.js', imports: ['index.html', '_Header-D.js'] },
  '_Header-D.js': { file: 'assets/Header-D.js', imports: ['index.html'] },
  'src/features/auth/SignInPage.tsx': {
    file: 'assets/SignInPage-E.js',
    isDynamicEntry: true,
    imports: ['index.html', '_AuthLayout-C.js'],
  },
  'src/features/dashboard/DashboardPage.tsx': {
    file: 'assets/DashboardPage-F.js',
    isDynamicEntry: true,
    imports: ['index.html', '_Header-D.js'],
    dynamicImports: ['src/features/dashboard/charts/EChart.tsx'],
  },
  'src/features/dashboard/charts/EChart.tsx': {
    file: 'assets/EChart-G.js',
    isDynamicEntry: true,
    imports: ['index.html'],
  },
  'src/features/tasks/TasksPage.tsx': {
    file: 'assets/TasksPage-H.js',
    isDynamicEntry: true,
    imports: ['index.html', '_Header-D.js', '_dnd-I.js'],
  },
  '_dnd-I.js': { file: 'assets/dnd-I.js' },
  'logo.png': { file: 'assets/logo-J.png' },
};

const html = `<!doctype html><html><head>
<script type="module" crossorigin src="/app/assets/index-A.js"></script>
<link rel="stylesheet" crossorigin href="/app/assets/index-A.css">
<link rel="manifest" href="/app/manifest.webmanifest"><script id="vite-plugin-pwa:register-sw" src="/app/registerSW.js"></script>
</head><body><div id="root"></div></body></html>`;

describe('staticClosure', () => {
  it('follows static imports transitively, through the cycle back to the entry', () => {
    assert.deepEqual([...staticClosure(manifest, ['src/features/auth/SignInPage.tsx'])].sort(), [
      '_AuthLayout-C.js',
      '_Header-D.js',
      '_vendor-B.js',
      'index.html',
      'src/features/auth/SignInPage.tsx',
    ]);
  });

  it('never follows dynamic imports', () => {
    assert.deepEqual([...staticClosure(manifest, ['index.html'])].sort(), [
      '_vendor-B.js',
      'index.html',
    ]);
  });

  it('refuses an import the manifest does not have', () => {
    assert.throws(
      () => staticClosure({ a: { file: 'a.js', imports: ['missing'] } }, ['a']),
      /no chunk "missing"/,
    );
  });
});

describe('shellFiles', () => {
  it('is the entry and the sign-in page with their static imports, as files', () => {
    assert.deepEqual(shellFiles(manifest, 'src/features/auth/SignInPage.tsx'), [
      'assets/AuthLayout-C.js',
      'assets/Header-D.js',
      'assets/SignInPage-E.js',
      'assets/index-A.js',
      'assets/vendor-B.js',
    ]);
  });

  it('fails when the sign-in page is not a lazy chunk', () => {
    assert.throws(() => shellFiles(manifest, 'src/features/auth/Gone.tsx'), /not a lazy chunk/);
    assert.throws(() => shellFiles(manifest, '_vendor-B.js'), /not a lazy chunk/);
  });
});

describe('htmlScripts', () => {
  it('lists the scripts index.html loads under the base, relative to dist/', () => {
    assert.deepEqual(htmlScripts(html), ['assets/index-A.js', 'registerSW.js']);
  });
});

/** Chunk contents: ECharts' marker only where the test puts it. */
const contents = (/** @type {Record<string, string>} */ overrides) => {
  /** @type {Record<string, string>} */
  const text = {
    'assets/index-A.js': 'entry',
    'assets/vendor-B.js': 'react',
    'assets/AuthLayout-C.js': 'layout',
    'assets/Header-D.js': 'header',
    'assets/SignInPage-E.js': 'sign in',
    'assets/DashboardPage-F.js': 'dashboard',
    'assets/EChart-G.js': 'init(el){el.setAttribute("_echarts_instance_",id)}',
    'assets/TasksPage-H.js': 'tasks',
    'assets/dnd-I.js': 'dnd',
    'assets/logo-J.png': '\x89PNG',
    'registerSW.js': 'navigator.serviceWorker.register("/app/sw.js")',
    ...overrides,
  };
  return (/** @type {string} */ file) => {
    const t = text[file];
    if (t === undefined) throw new Error(`unexpected read of ${file}`);
    return Buffer.from(t);
  };
};

describe('evaluateBudgets', () => {
  const roomy = { shell: 10_000, charts: 10_000 };

  it('sums the shell, finds the chart chunk by its ECharts marker, and passes', () => {
    const [shell, charts] = evaluateBudgets({ manifest, html, read: contents({}) }, roomy);
    assert.deepEqual(
      shell?.chunks.map((c) => c.file),
      [
        'assets/AuthLayout-C.js',
        'assets/Header-D.js',
        'assets/SignInPage-E.js',
        'assets/index-A.js',
        'assets/vendor-B.js',
        'registerSW.js',
      ],
    );
    // "entry" + "react" + "layout" + "header" + "sign in" + the registerSW line above.
    assert.equal(shell?.raw, 5 + 5 + 6 + 6 + 7 + 46);
    assert.equal(shell?.pass, true);
    assert.deepEqual(
      charts?.chunks.map((c) => c.file),
      ['assets/EChart-G.js'],
    );
    assert.equal(charts?.pass, true);
  });

  it('fails a budget its gzip total exceeds', () => {
    const [shell, charts] = evaluateBudgets(
      { manifest, html, read: contents({}) },
      { shell: 20, charts: 10_000 },
    );
    assert.equal(shell?.pass, false);
    assert.equal(charts?.pass, true);
    assert.match(formatTable([shell, charts].filter((r) => r !== undefined)), /FAIL/);
  });

  it('fails when ECharts is in the shell', () => {
    const read = contents({ 'assets/vendor-B.js': 'react;"__zr_normal__"' });
    const charts = evaluateBudgets({ manifest, html, read }, roomy)[1];
    assert.deepEqual(
      charts?.chunks.map((c) => c.file),
      ['assets/EChart-G.js', 'assets/vendor-B.js'],
    );
    assert.equal(charts?.pass, false);
    assert.match(charts?.problems[0] ?? '', /ECharts is in the shell \(assets\/vendor-B\.js\)/);
  });

  it('fails when no chunk holds ECharts, rather than passing an empty budget', () => {
    const read = contents({ 'assets/EChart-G.js': 'no charts here' });
    const charts = evaluateBudgets({ manifest, html, read }, roomy)[1];
    assert.deepEqual(charts?.chunks, []);
    assert.equal(charts?.pass, false);
    assert.match(charts?.problems[0] ?? '', /no chunk contains ECharts/);
  });
});
