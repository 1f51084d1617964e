// @ts-check
// `npm run bench:web` (not in CI): the web app's production build against the API on PostgreSQL
// seeded with the API bench's heavy user; Lighthouse on sign-in, tasks and dashboard, then the
// heavy user's dashboard and timer timings in Chromium. See bench/README.md.
//
//   npm run bench:web                        full seed, mobile preset, 3 Lighthouse runs per page, 20 timed runs
//   npm run bench:web -- --mode=quick        the API bench's quick heavy user (10,000 tasks), for trying it out
//
// Options: --mode=full|quick|smoke, --preset=mobile|desktop, --lighthouse-runs=N, --runs=N,
// --dist=DIR (bench this build instead of building), --out-dir=DIR (default bench/results),
// --keep (keep the database). Environment: BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { budgetsOf } from '../scripts/check-budgets.mjs';
import { freshSession, launchChromium, withPlaywright } from './lib/chromium.mjs';
import { audit, summarise } from './lib/lighthouse.mjs';
import { markdown, timing } from './lib/report.mjs';
import { buildWeb, dropDatabase, seedDatabase, startApi, WEB_DIR } from './lib/stack.mjs';
import { DASHBOARD, TASKS, timeDashboard, timeTimer } from './lib/timings.mjs';

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'full' },
    preset: { type: 'string', default: 'mobile' },
    'lighthouse-runs': { type: 'string', default: '3' },
    runs: { type: 'string', default: '20' },
    dist: { type: 'string' },
    'out-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/**
 * @template {string} T
 * @param {string} name
 * @param {string | undefined} value
 * @param {readonly T[]} allowed
 * @returns {T}
 */
function oneOf(name, value, allowed) {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`--${name}: one of ${allowed.join(', ')}`);
  return found;
}
const mode = oneOf('mode', opts.mode, /** @type {const} */ (['full', 'quick', 'smoke']));
const preset = oneOf('preset', opts.preset, /** @type {const} */ (['mobile', 'desktop']));
const lighthouseRuns = Number(opts['lighthouse-runs']);
const runs = Number(opts.runs);
if (!(lighthouseRuns >= 1 && runs >= 1)) throw new Error('--lighthouse-runs and --runs: 1 or more');

/** The Lighthouse pages: sign-in is audited signed out, the others signed in. */
const PAGES = [
  { page: 'sign-in', path: '/app/sign-in', signedIn: false },
  { page: 'tasks', path: TASKS.path, signedIn: true },
  { page: 'dashboard', path: DASHBOARD.path, signedIn: true },
];

const git = (/** @type {string[]} */ args) =>
  execFileSync('git', args, { cwd: WEB_DIR, encoding: 'utf8' }).trim();
const packageVersion = (/** @type {string} */ name) =>
  /** @type {{ version: string }} */ (createRequire(import.meta.url)(`${name}/package.json`))
    .version;

/**
 * Lighthouse's runs of one page, each from a fresh session (or none), so no run depends on the
 * cookie an earlier one left: the API rotates the refresh token on each use and revokes the
 * session when a spent one comes back, and one full run found its session revoked that way after
 * six audits (cause not established: closing a tab with its refresh in flight did not reproduce
 * it).
 * @param {import('./lib/chromium.mjs').Browser} browser
 * @param {string} url
 * @param {{ email: string, password: string } | null} user
 */
async function auditRuns(browser, url, user) {
  const lhrs = [];
  for (let i = 0; i < lighthouseRuns; i++) {
    await withPlaywright(browser, (context) => freshSession(context, new URL(url).origin, user));
    console.log(`bench: Lighthouse ${url} (${i + 1}/${lighthouseRuns})`);
    lhrs.push(await audit(url, browser.port, preset));
  }
  return lhrs;
}

const work = mkdtempSync(join(tmpdir(), 'devtrackr-webbench-'));
const started = new Date();
const database = `devtrackr_webbench_${started.toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
/** @type {(() => Promise<void>)[]} */
const cleanup = [];
let failed = true;
try {
  const load = loadavg();
  const webDist = opts.dist === undefined ? buildWeb(work) : resolve(opts.dist);
  const budgets = budgetsOf(webDist);

  const db = seedDatabase(database, mode);
  if (!opts.keep) {
    cleanup.push(async () => {
      dropDatabase(database);
    });
  }
  const api = await startApi({
    databaseUrl: db.url,
    webDist,
    dataDir: join(work, 'api-data'),
    logFile: join(work, 'api.log'),
  });
  cleanup.push(api.stop);
  console.log(`bench: API at ${api.origin} (log: ${join(work, 'api.log')})`);

  mkdirSync(join(work, 'profile'));
  const browser = await launchChromium(join(work, 'profile'));
  cleanup.push(browser.stop);

  const lighthouse = [];
  for (const { page, path, signedIn } of PAGES) {
    const lhrs = await auditRuns(browser, api.origin + path, signedIn ? db : null);
    lighthouse.push(summarise(page, path, lhrs));
  }

  console.log(`bench: timings (${runs} runs each)`);
  const { dashboard, timer } = await withPlaywright(browser, async (context) => {
    await freshSession(context, api.origin, db);
    const d = await timeDashboard(context, api.origin, runs);
    const t = await timeTimer(context, api.origin, runs);
    return { dashboard: { charts: d.charts, ...timing(d.samples) }, timer: timing(t) };
  });

  const commit = git(['rev-parse', '--short', 'HEAD']);
  const report = {
    env: {
      date: started.toISOString().slice(0, 10),
      commit,
      dirty: git(['status', '--porcelain']) !== '',
      node: process.version,
      chromium: browser.version,
      lighthouse: packageVersion('lighthouse'),
      preset,
      lighthouseRuns,
      cpus: cpus().length,
      loadavg: load,
      seedMode: mode,
      seed: db.seed,
    },
    budgets,
    lighthouse,
    dashboard,
    timer,
  };
  const outDir = resolve(opts['out-dir'] ?? join(WEB_DIR, 'bench/results'));
  mkdirSync(outDir, { recursive: true });
  const suffix = [mode === 'full' ? '' : `-${mode}`, preset === 'mobile' ? '' : `-${preset}`].join(
    '',
  );
  const base = join(outDir, `${report.env.date}-${commit}${suffix}`);
  const text = markdown(report);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, text);
  // The repository's lint checks every file's formatting (prettier --check .): the results are
  // committed, so they are written as Prettier writes them (tables aligned).
  spawnSync('npx', ['prettier', '--log-level', 'warn', '--write', `${base}.json`, `${base}.md`], {
    cwd: join(WEB_DIR, '../..'),
    stdio: 'inherit',
  });
  console.log(`\n${text}\nbench: written ${base}.md and .json`);
  failed = false;
} finally {
  for (const step of cleanup.reverse()) {
    await step().catch((/** @type {unknown} */ error) => {
      console.error('bench: cleanup:', error);
    });
  }
  // On failure the API's log stays for reading; the browser profile and the build go anyway.
  if (failed) {
    rmSync(join(work, 'profile'), { recursive: true, force: true });
    console.error(`bench: failed; the API's log is in ${join(work, 'api.log')}`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
}
