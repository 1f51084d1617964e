import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilds } from './support/builds.js';
import { updateDocsScreenshots } from './support/docs-screenshots.js';
// Types only: the provide() keys below are declared there.
import type {} from './support/provided.js';
import { CHROMIUM } from './support/paths.js';
import { startApi } from './support/server.js';

/**
 * Once per run of the e2e project: the builds, then ONE production server for every test (each
 * test registers its own user, so none shares data). Vitest calls the returned function at the
 * end of the run, failed or not.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `e2e: ${CHROMIUM} is missing. Install Debian's chromium package (apt-get install -y chromium); the suite never downloads a browser.`,
    );
  }
  const artifacts = mkdtempSync(join(tmpdir(), 'devtrackr-e2e-'));
  const screenshotDir = join(artifacts, 'screenshots');
  mkdirSync(screenshotDir);

  let baseURL: string;
  let stop = () => Promise.resolve();
  const running = process.env.E2E_BASE_URL;
  if (running !== undefined && running !== '') {
    // A server someone already runs (started like support/server.ts does): a quicker loop while
    // writing tests. Nothing is built, started or stopped.
    baseURL = running.replace(/\/$/, '');
  } else {
    const webDist = ensureBuilds();
    const api = await startApi(webDist, join(artifacts, 'api.log'));
    console.log(`e2e: API at ${api.url}, serving ${webDist}`);
    baseURL = api.url;
    stop = api.stop;
  }
  project.provide('baseURL', baseURL);
  project.provide('screenshotDir', screenshotDir);
  return async () => {
    await stop();
    if (process.env.E2E_UPDATE_DOCS === '1') updateDocsScreenshots(screenshotDir);
    console.log(`e2e: screenshots in ${screenshotDir}; the API's log (if started here) beside it`);
  };
}
