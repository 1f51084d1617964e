import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * The run's screenshots that the README shows (docs/screenshots/): each main page at desktop
 * size in light, one in dark, one on a phone. A run with E2E_UPDATE_DOCS=1 refreshes them.
 */
const SHOWN = [
  'dashboard-light',
  'tasks-light',
  'board-light',
  'task-detail-light',
  'week-light',
  'settings-light',
  'dashboard-dark',
  'tasks-light-phone',
] as const;

export const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

/** Copies the shown set from a run's folder; names what the run did not take. */
export function updateDocsScreenshots(runDir: string): void {
  const missing = SHOWN.filter((name) => !existsSync(join(runDir, `${name}.png`)));
  if (missing.length > 0) {
    console.warn(`e2e: docs screenshots not updated, the run took no ${missing.join(', ')}`);
    return;
  }
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  for (const name of SHOWN) {
    copyFileSync(join(runDir, `${name}.png`), join(DOCS_SCREENSHOTS, `${name}.png`));
  }
  console.log(`e2e: ${SHOWN.length} screenshots copied to ${DOCS_SCREENSHOTS}`);
}
