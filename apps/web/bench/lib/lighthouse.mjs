// @ts-check
// Lighthouse on one page, with the scores and, for a category under its target, the audits that
// cost it points.
import lighthouse, { desktopConfig } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

/** @typedef {import('lighthouse').Result} Lhr */
/** @typedef {'mobile' | 'desktop'} Preset */

export const CATEGORIES = /** @type {const} */ ([
  'performance',
  'accessibility',
  'best-practices',
  'seo',
]);
/** @typedef {(typeof CATEGORIES)[number]} Category */

/** Issue 14's targets; SEO has none (an app behind a sign-in), it is reported all the same. */
export const TARGETS = /** @type {Partial<Record<Category, number>>} */ ({
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
});

/** The performance metrics reported beside the score (Lighthouse audit ids). */
export const METRICS = /** @type {const} */ ({
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
});

/**
 * One cold load of `url` in the browser on `port`, with Lighthouse's simulated throttling (its
 * default) and the preset's device. Lighthouse's storage reset stays on: it clears the HTTP
 * cache, the service worker and Cache Storage, so every run is a first visit, but not cookies,
 * so a signed-in page stays signed in through the app's refresh cookie.
 * @param {string} url
 * @param {number} port
 * @param {Preset} preset
 * @returns {Promise<Lhr>}
 */
export async function audit(url, port, preset) {
  const result = await lighthouse(
    url,
    { port, hostname: '127.0.0.1', logLevel: 'error', onlyCategories: [...CATEGORIES] },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  if (result === undefined) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError !== undefined) {
    throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  // A lost session would silently audit the sign-in page in place of the one asked for.
  const asked = new URL(url).pathname;
  const landed = new URL(lhr.finalDisplayedUrl).pathname;
  if (landed !== asked) {
    throw new Error(`Lighthouse asked for ${asked} but the page ended at ${landed}`);
  }
  return lhr;
}

/**
 * @typedef {object} Loss
 * @property {string} id
 * @property {string} title
 * @property {number} points what the audit cost its category, on the 0–100 scale
 * @property {string} [value] its display value (e.g. "2.1 s")
 * @property {string[]} items what it found, up to 3 (a console error, an element, a URL)
 */

/**
 * A readable line for one item of an audit's details table: the fields Lighthouse's own report
 * leads with (a message, a node's snippet, a URL), whichever the audit has.
 * @param {unknown} item
 * @returns {string | undefined}
 */
function itemText(item) {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = /** @type {Record<string, unknown>} */ (item);
  const node = /** @type {{ snippet?: unknown } | undefined} */ (record.node);
  for (const value of [record.description, node?.snippet, record.url, record.source]) {
    if (typeof value === 'string' && value !== '') return value.slice(0, 200);
  }
  return undefined;
}

/**
 * @param {import('lighthouse').Result['audits'][string]} result
 * @returns {string[]}
 */
function itemsOf(result) {
  const details = /** @type {{ items?: unknown[] } | undefined} */ (result.details);
  return (details?.items ?? [])
    .map(itemText)
    .filter((text) => text !== undefined)
    .slice(0, 3);
}

/**
 * The audits that cost a category points, largest first: each weighted audit with a score under
 * 1 costs weight ÷ (sum of weights) × (1 − score) × 100. Their sum is 100 − the category's score
 * (before Lighthouse rounds it).
 * @param {Lhr} lhr
 * @param {Category} category
 * @returns {Loss[]}
 */
export function losses(lhr, category) {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  const total = refs.reduce((sum, ref) => sum + ref.weight, 0);
  if (total === 0) return [];
  /** @type {Loss[]} */
  const lost = [];
  for (const ref of refs) {
    const result = lhr.audits[ref.id];
    if (ref.weight === 0 || result === undefined || result.score === null) continue;
    const points = (ref.weight / total) * (1 - result.score) * 100;
    if (points <= 0) continue;
    lost.push({
      id: ref.id,
      title: result.title,
      points,
      ...(result.displayValue ? { value: result.displayValue } : {}),
      items: itemsOf(result),
    });
  }
  return lost.sort((a, b) => b.points - a.points);
}

/**
 * @typedef {object} PageAudit
 * @property {string} page
 * @property {string} path
 * @property {Record<Category, number | null>} scores 0–100, null when not scored
 * @property {Record<keyof typeof METRICS, number | null>} metrics ms (CLS unitless)
 * @property {Partial<Record<Category, Loss[]>>} misses categories under target, with their losses
 * @property {number[]} performanceRuns the performance score of every run, in order
 * @property {string[]} warnings Lighthouse's run warnings
 * @property {number} benchmarkIndex Lighthouse's measure of the machine's speed during the median
 *   run (higher is faster): on a shared machine, how much CPU the page had
 */

/**
 * The median run of several (Lighthouse's own choice: the run nearest the median FCP and TTI),
 * summarised.
 * @param {string} page
 * @param {string} path
 * @param {Lhr[]} runs
 * @returns {PageAudit}
 */
export function summarise(page, path, runs) {
  const lhr = computeMedianRun(runs);
  const score = (/** @type {Category} */ c) => {
    const value = lhr.categories[c]?.score;
    return value === null || value === undefined ? null : Math.round(value * 100);
  };
  const scores = /** @type {Record<Category, number | null>} */ (
    Object.fromEntries(CATEGORIES.map((c) => [c, score(c)]))
  );
  const metrics = /** @type {Record<keyof typeof METRICS, number | null>} */ (
    Object.fromEntries(
      Object.entries(METRICS).map(([key, id]) => [key, lhr.audits[id]?.numericValue ?? null]),
    )
  );
  /** @type {Partial<Record<Category, Loss[]>>} */
  const misses = {};
  for (const c of CATEGORIES) {
    const target = TARGETS[c];
    const value = scores[c];
    if (target !== undefined && value !== null && value < target) misses[c] = losses(lhr, c);
  }
  return {
    page,
    path,
    scores,
    metrics,
    misses,
    performanceRuns: runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)),
    warnings: lhr.runWarnings.map(String),
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}
