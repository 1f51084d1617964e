// @ts-check
// The bench's results as Markdown (committed, printed) beside the JSON they are made from.
import { CATEGORIES, TARGETS } from './lighthouse.mjs';

/** @typedef {import('./lighthouse.mjs').PageAudit} PageAudit */
/** @typedef {import('../../scripts/check-budgets.mjs').BudgetResult} BudgetResult */

/**
 * The sample at quantile q (nearest rank, the API bench's rule: lib/report.ts), so p50 and p95
 * of 20 runs are the 11th and 19th fastest.
 * @param {number[]} samples
 * @param {number} q 0–1
 */
export function quantile(samples, q) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return /** @type {number} */ (
    sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]
  );
}

/**
 * @typedef {object} Timing
 * @property {number} runs
 * @property {number} p50 ms
 * @property {number} p95 ms
 * @property {number} min ms
 * @property {number} max ms
 * @property {number[]} samples ms, in run order
 */

/**
 * @param {number[]} samples
 * @returns {Timing}
 */
export const timing = (samples) => ({
  runs: samples.length,
  p50: quantile(samples, 0.5),
  p95: quantile(samples, 0.95),
  min: Math.min(...samples),
  max: Math.max(...samples),
  samples,
});

/**
 * @typedef {object} BenchReport
 * @property {{ date: string, commit: string, dirty: boolean, node: string, chromium: string,
 *   lighthouse: string, preset: 'mobile' | 'desktop', lighthouseRuns: number, cpus: number,
 *   loadavg: number[], seedMode: string, seed: { tasks: number, entries: number, seconds: number } }} env
 * @property {BudgetResult[]} budgets
 * @property {PageAudit[]} lighthouse
 * @property {{ charts: number } & Timing} dashboard
 * @property {Timing} timer
 */

const ms = (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const kb = (/** @type {number} */ bytes) => (bytes / 1000).toFixed(1);

/** @param {number | null} score @param {number | undefined} target */
const scoreCell = (score, target) => {
  if (score === null) return '–';
  if (target === undefined) return String(score);
  return score >= target ? `${score} ✓` : `**${score}** ✗`;
};

/** @param {PageAudit} a */
const metricsCell = (a) => {
  const m = a.metrics;
  const s = (/** @type {number | null} */ v) => (v === null ? '–' : (v / 1000).toFixed(1));
  return `FCP ${s(m.fcp)} s · LCP ${s(m.lcp)} s · TBT ${ms(m.tbt ?? Number.NaN)} ms · CLS ${m.cls === null ? '–' : m.cls.toFixed(3)} · SI ${s(m.si)} s`;
};

/** Inline code for Markdown, whatever the text holds. */
const code = (/** @type {string} */ text) => `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;

/**
 * "Total Blocking Time (`total-blocking-time`, 1,330 ms): −24.9 [what it found]"
 * @param {import('./lighthouse.mjs').Loss} l
 */
const lossText = (l) => {
  const value = l.value ? `, ${l.value}` : '';
  const found = l.items.length > 0 ? ` [${l.items.map(code).join(', ')}]` : '';
  return `${l.title} (${code(l.id)}${value}): −${l.points.toFixed(1)}${found}`;
};

/**
 * @param {BenchReport} r
 * @returns {string}
 */
export function markdown(r) {
  const e = r.env;
  const lines = [
    `# Web bench ${e.date} (${e.commit}${e.dirty ? ', uncommitted changes in the tree' : ''})`,
    '',
    `Node ${e.node}, ${e.chromium}, Lighthouse ${e.lighthouse} (${e.preset} preset, simulated throttling, median of ${e.lighthouseRuns} runs per page), ${e.cpus} CPUs, load average ${e.loadavg.map((l) => l.toFixed(2)).join(' / ')} at the start.`,
    `Heavy user (seed ${e.seedMode}): ${e.seed.tasks.toLocaleString('en-US')} tasks, ${e.seed.entries.toLocaleString('en-US')} time entries (seeded in ${e.seed.seconds.toFixed(0)} s).`,
    '',
    '## Size budgets (gzip -9)',
    '',
    '| budget | chunks | raw kB | gzip kB | budget kB | result |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...r.budgets.map(
      (b) =>
        `| ${b.name} | ${b.chunks.map((c) => c.file.replace(/^assets\//, '')).join(', ') || '–'} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.budget)} | ${b.pass ? 'pass' : `**FAIL**${b.problems.length > 0 ? `: ${b.problems.join('; ')}` : ''}`} |`,
    ),
    '',
    '## Lighthouse',
    '',
    `| page | ${CATEGORIES.map((c) => `${c}${TARGETS[c] === undefined ? '' : ` (≥ ${TARGETS[c]})`}`).join(' | ')} | metrics (median run) | performance, every run | benchmark index |`,
    `| --- | ${CATEGORIES.map(() => '---:').join(' | ')} | --- | --- | ---: |`,
    ...r.lighthouse.map(
      (a) =>
        `| ${a.page} (\`${a.path}\`) | ${CATEGORIES.map((c) => scoreCell(a.scores[c], TARGETS[c])).join(' | ')} | ${metricsCell(a)} | ${a.performanceRuns.join(', ')} | ${a.benchmarkIndex.toFixed(0)} |`,
    ),
    '',
  ];
  const misses = r.lighthouse.flatMap((a) =>
    Object.entries(a.misses).map(([category, losses]) => ({ page: a.page, category, losses })),
  );
  if (misses.length === 0) {
    lines.push('Every page meets every target.', '');
  } else {
    lines.push('### Where the points went (targets missed)', '');
    for (const { page, category, losses } of misses) {
      const items = (losses ?? []).slice(0, 8).map(lossText);
      lines.push(`- **${page}, ${category}**: ${items.join('; ') || 'no single audit (rounding)'}`);
    }
    lines.push('');
  }
  const warnings = r.lighthouse.flatMap((a) => a.warnings.map((w) => `- ${a.page}: ${w}`));
  if (warnings.length > 0) lines.push('Lighthouse warnings:', '', ...warnings, '');
  lines.push(
    '## The heavy user, in the browser (Playwright)',
    '',
    '| measurement | runs | p50 ms | p95 ms | min ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| navigation → all ${r.dashboard.charts} dashboard charts drawn | ${r.dashboard.runs} | ${ms(r.dashboard.p50)} | ${ms(r.dashboard.p95)} | ${ms(r.dashboard.min)} | ${ms(r.dashboard.max)} |`,
    `| \`s\` on a focused task → timer shown running | ${r.timer.runs} | ${ms(r.timer.p50)} | ${ms(r.timer.p95)} | ${ms(r.timer.min)} | ${ms(r.timer.max)} |`,
    '',
    'Definitions and method: [bench/README.md](../README.md).',
    '',
  );
  return lines.join('\n');
}
