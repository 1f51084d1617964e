// @ts-check
// `npm run budgets -w @devtrackr/web`, after `npm run build` (CI runs it): the web app's size
// budgets (issue 14 "Tests"), computed from Vite's manifest (dist/.vite/manifest.json):
//
//   - app shell + sign-in page: at most 120 kB of JavaScript gzipped. The entry chunk and every
//     chunk it imports statically (transitively), the sign-in route's lazy chunk and its static
//     imports, and any other script index.html loads (the service worker registration);
//   - the dashboard's chart chunk(s), the chunks that contain ECharts: at most 200 kB gzipped,
//     and none of them may be in the shell (ECharts must only ever arrive by a lazy import).
//
// Sizes are gzip level 9 (node:zlib), as the .gz files scripts/compress.mjs writes and the API
// serves; a chunk's size is its own compressed file, as the browser fetches it. 1 kB = 1,000
// bytes, as in Vite's build report, so the figures can be compared with it.
//
// Prints a table and exits 1 on any failure. `node scripts/check-budgets.mjs [distDir]`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

export const KB = 1000;

export const BUDGETS = {
  shell: 120 * KB,
  charts: 200 * KB,
};

/** The manifest key of the sign-in route's lazy chunk (src/app/routes.tsx imports it lazily). */
export const SIGN_IN_PAGE = 'src/features/auth/SignInPage.tsx';

/**
 * Strings only ECharts' code carries, and which minification keeps (they are string literals):
 * the DOM attribute echarts/core puts on every chart container, and the state name of zrender
 * (its renderer, always bundled with it). A chunk with either holds ECharts. When an upgrade
 * drops them, no chunk matches and the check fails loudly instead of passing vacuously.
 */
export const ECHARTS_MARKERS = ['_echarts_instance_', '__zr_normal__'];

/** Where Vite's app is served from (vite.config.ts `base`): script URLs in index.html start so. */
const BASE = '/app/';

/**
 * @typedef {object} ManifestChunk Vite's manifest entry (the fields the budgets read).
 * @property {string} file the emitted file, relative to dist/
 * @property {string[]} [imports] manifest keys of the chunks it imports statically
 * @property {string[]} [dynamicImports] manifest keys of the chunks it imports lazily
 * @property {string[]} [css] its style sheets (not JavaScript: outside the budgets)
 * @property {boolean} [isEntry]
 * @property {boolean} [isDynamicEntry]
 */
/** @typedef {Record<string, ManifestChunk>} Manifest */

/**
 * @param {Manifest} manifest
 * @param {string} key
 * @returns {ManifestChunk}
 */
function chunkOf(manifest, key) {
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`the manifest has no chunk ${JSON.stringify(key)}`);
  return chunk;
}

/**
 * The chunks loaded with `starts` before any of their code runs: the starts and everything they
 * import statically, transitively. Lazy chunks import the entry back (index.html), so the graph
 * has cycles; each key is visited once.
 * @param {Manifest} manifest
 * @param {Iterable<string>} starts manifest keys
 * @returns {Set<string>} manifest keys
 */
export function staticClosure(manifest, starts) {
  const seen = new Set();
  const pending = [...starts];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push(...(chunkOf(manifest, key).imports ?? []));
  }
  return seen;
}

/**
 * The app shell with the sign-in page: the entry chunks' static closure and the sign-in lazy
 * chunk's, as files.
 * @param {Manifest} manifest
 * @param {string} signInKey
 * @returns {string[]} files, relative to dist/, sorted
 */
export function shellFiles(manifest, signInKey) {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry === true);
  if (entries.length === 0) throw new Error('the manifest has no entry chunk');
  // A sign-in page that stopped being lazy (or moved) would otherwise drop out of the sum.
  if (manifest[signInKey]?.isDynamicEntry !== true) {
    throw new Error(
      `${signInKey} is not a lazy chunk in the manifest: update SIGN_IN_PAGE in check-budgets.mjs`,
    );
  }
  const keys = staticClosure(manifest, [...entries, signInKey]);
  return [...keys].map((key) => chunkOf(manifest, key).file).sort();
}

/**
 * The scripts index.html loads itself (`<script src>`), as files relative to dist/: the entry
 * chunk, and what plugins add outside Vite's module graph (vite-plugin-pwa's registerSW.js).
 * @param {string} html
 * @param {string} [base]
 * @returns {string[]}
 */
export function htmlScripts(html, base = BASE) {
  const files = [];
  for (const match of html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"/g)) {
    const src = match[1] ?? '';
    // Another origin would not be the app's bytes to budget; there is none today.
    if (src.startsWith(base)) files.push(src.slice(base.length));
  }
  return files;
}

/**
 * @param {Buffer} bytes
 * @returns {number}
 */
export const gzipSize = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;

/** @typedef {{ file: string, raw: number, gzip: number }} ChunkSize */
/**
 * @typedef {object} BudgetResult
 * @property {string} name
 * @property {ChunkSize[]} chunks
 * @property {number} raw total raw bytes
 * @property {number} gzip total gzip bytes
 * @property {number} budget gzip bytes
 * @property {string[]} problems why it fails besides the size (empty when none)
 * @property {boolean} pass
 */

/**
 * @param {string} name
 * @param {ChunkSize[]} chunks
 * @param {number} budget
 * @param {string[]} problems
 * @returns {BudgetResult}
 */
function budgetResult(name, chunks, budget, problems) {
  const raw = chunks.reduce((sum, c) => sum + c.raw, 0);
  const gzip = chunks.reduce((sum, c) => sum + c.gzip, 0);
  return {
    name,
    chunks,
    raw,
    gzip,
    budget,
    problems,
    pass: problems.length === 0 && gzip <= budget,
  };
}

/**
 * Both budgets of a build.
 * @param {object} build
 * @param {Manifest} build.manifest
 * @param {string} build.html dist/index.html
 * @param {(file: string) => Buffer} build.read a file of dist/
 * @param {{ shell: number, charts: number }} [budgets]
 * @returns {BudgetResult[]}
 */
export function evaluateBudgets({ manifest, html, read }, budgets = BUDGETS) {
  /** @param {string} file @returns {ChunkSize} */
  const size = (file) => {
    const bytes = read(file);
    return { file, raw: bytes.length, gzip: gzipSize(bytes) };
  };
  const shell = [...new Set([...shellFiles(manifest, SIGN_IN_PAGE), ...htmlScripts(html)])]
    .filter((file) => file.endsWith('.js'))
    .sort();
  const jsFiles = [...new Set(Object.values(manifest).map((c) => c.file))]
    .filter((file) => file.endsWith('.js'))
    .sort();
  const charts = jsFiles.filter((file) => {
    const text = read(file).toString('utf8');
    return ECHARTS_MARKERS.some((marker) => text.includes(marker));
  });

  const chartProblems = [];
  if (charts.length === 0) {
    chartProblems.push(
      `no chunk contains ECharts (markers ${ECHARTS_MARKERS.join(', ')}): the dashboard's charts are missing, or ECharts changed and ECHARTS_MARKERS needs updating`,
    );
  }
  const inShell = charts.filter((file) => shell.includes(file));
  if (inShell.length > 0) {
    chartProblems.push(
      `ECharts is in the shell (${inShell.join(', ')}): it must be imported only from a lazy page, never statically from the entry or the sign-in page`,
    );
  }
  return [
    budgetResult('app shell + sign-in', shell.map(size), budgets.shell, []),
    budgetResult('dashboard charts', charts.map(size), budgets.charts, chartProblems),
  ];
}

/** @param {number} bytes */
const kb = (bytes) => (bytes / KB).toFixed(2);

/**
 * The report: one row per chunk, a total row per budget with its verdict, then the problems.
 * @param {BudgetResult[]} results
 * @returns {string}
 */
export function formatTable(results) {
  /** @type {string[][]} */
  const rows = [['budget', 'chunk', 'raw kB', 'gzip kB', 'budget kB', 'result']];
  for (const r of results) {
    r.chunks.forEach((c, i) => {
      rows.push([i === 0 ? r.name : '', c.file, kb(c.raw), kb(c.gzip), '', '']);
    });
    rows.push([
      r.chunks.length === 0 ? r.name : '',
      'total',
      kb(r.raw),
      kb(r.gzip),
      `≤ ${kb(r.budget)}`,
      r.pass ? 'pass' : 'FAIL',
    ]);
  }
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  // Numbers right-aligned, text left-aligned.
  const numeric = [false, false, true, true, true, false];
  const lines = rows.map((row) =>
    row
      .map((cell, col) => {
        const width = widths?.[col] ?? 0;
        return numeric[col] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`));
  return [...lines, ...problems.map((p) => `FAIL ${p}`)].join('\n');
}

/**
 * The budgets of the build in `dist` (the bench reports them too).
 * @param {string} dist
 * @returns {BudgetResult[]}
 */
export function budgetsOf(dist) {
  const manifestPath = join(dist, '.vite/manifest.json');
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read ${manifestPath}: build first (npm run build -w @devtrackr/web; vite.config.ts sets build.manifest)`,
      { cause: error },
    );
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return evaluateBudgets({ manifest, html, read: (file) => readFileSync(join(dist, file)) });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url)));
  try {
    const results = budgetsOf(dist);
    console.log(formatTable(results));
    process.exitCode = results.every((r) => r.pass) ? 0 : 1;
  } catch (error) {
    console.error(`budgets: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
