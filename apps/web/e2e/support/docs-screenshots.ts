import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * The run's screenshots that the README shows (docs/screenshots/), under the names it uses:
 * each main page at desktop size in light, settings in dark, the tasks on a phone. A run with
 * E2E_UPDATE_DOCS=1 refreshes them.
 */
const SHOWN: Readonly<Record<string, string>> = {
  'dashboard-light': 'dashboard',
  'tasks-light': 'tasks',
  'board-light': 'board',
  'task-detail-light': 'task-detail',
  'week-light': 'week',
  'settings-dark': 'settings-dark',
  'tasks-light-phone': 'tasks-phone',
};

export const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

/** Copies the shown set from a run's folder; names what the run did not take. */
export function updateDocsScreenshots(runDir: string): void {
  const missing = Object.keys(SHOWN).filter((name) => !existsSync(join(runDir, `${name}.png`)));
  if (missing.length > 0) {
    console.warn(`e2e: docs screenshots not updated, the run took no ${missing.join(', ')}`);
    return;
  }
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  for (const [taken, shown] of Object.entries(SHOWN)) {
    copyFileSync(join(runDir, `${taken}.png`), join(DOCS_SCREENSHOTS, `${shown}.png`));
  }
  console.log(`e2e: ${Object.keys(SHOWN).length} screenshots copied to ${DOCS_SCREENSHOTS}`);
}
