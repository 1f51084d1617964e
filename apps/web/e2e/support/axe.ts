import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/** What one axe run found on one page in one theme. */
export interface AxeSummary {
  /** "dashboard · dark". */
  label: string;
  passes: number;
  /** The rules axe could not decide (e.g. contrast over an image): for a person to look at. */
  incomplete: string[];
  /** Every violation, whatever its impact: the report lists them all. */
  violations: readonly { id: string; impact: string; help: string; targets: string[] }[];
}

/** The impacts the issue forbids (zero serious or critical violations). */
const BLOCKING = new Set(['serious', 'critical']);

const describe = (violation: Violation) => ({
  id: violation.id,
  impact: violation.impact ?? 'unknown',
  help: violation.help,
  // A few of the offending elements are enough to find the rest.
  targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
});

/** Runs axe-core (every rule it ships, WCAG 2.2 A/AA and best practices) on the page as it is. */
export async function runAxe(page: Page, label: string): Promise<AxeSummary> {
  // Passes and incomplete checks are counted, not detailed: their node lists cost time, not insight.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return {
    label,
    passes: results.passes.length,
    incomplete: results.incomplete.map((rule) => rule.id),
    violations: results.violations.map(describe),
  };
}

/** The serious and critical violations, as lines a person can act on. */
export function blocking(summary: AxeSummary): string[] {
  return summary.violations
    .filter((violation) => BLOCKING.has(violation.impact))
    .map((v) => `${summary.label}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
}

/** The full result summary, one block per page and theme, for the test's output. */
export function formatAxeReport(summaries: readonly AxeSummary[]): string {
  const lines = ['axe-core results (violations by impact; passes; incomplete = needs a person):'];
  for (const summary of summaries) {
    const counts = new Map<string, number>();
    for (const v of summary.violations) counts.set(v.impact, (counts.get(v.impact) ?? 0) + 1);
    const byImpact =
      counts.size === 0 ? 'none' : [...counts].map(([impact, n]) => `${impact} ${n}`).join(', ');
    lines.push(
      `  ${summary.label.padEnd(28)} violations: ${byImpact}; passes ${summary.passes}; incomplete ${summary.incomplete.length === 0 ? 'none' : summary.incomplete.join(', ')}`,
    );
    for (const v of summary.violations) {
      lines.push(`    - ${v.impact} ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
    }
  }
  return lines.join('\n');
}
