import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_DIR, DEFAULT_WEB_DIST, REPO_ROOT } from './paths.js';

/** The newest modification time under `path` (a file or a folder); 0 when it does not exist. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce(
    (latest, entry) => Math.max(latest, newest(join(path, entry))),
    info.mtimeMs,
  );
}

function run(what: string, command: string, args: readonly string[]): void {
  console.log(`e2e: ${what}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`e2e: ${what} failed (${command} ${args.join(' ')})`);
  }
}

/**
 * Makes sure the production builds the suite runs against are there and current: the web app
 * (the same check `npm start` makes, so a changed source is never tested stale) and the API's
 * dist/, rebuilt when any of its sources is newer. Returns the web build to serve.
 *
 * A WEB_DIST_DIR in the environment is taken as given (built by whoever set it): it lets an
 * engineer test their own build without rewriting the shared apps/web/dist.
 */
export function ensureBuilds(): string {
  const ownBuild = process.env.WEB_DIST_DIR;
  let webDist = DEFAULT_WEB_DIST;
  if (ownBuild !== undefined && ownBuild !== '') {
    if (!existsSync(join(ownBuild, 'index.html'))) {
      throw new Error(`e2e: WEB_DIST_DIR=${ownBuild} has no index.html; build it first`);
    }
    webDist = ownBuild;
  } else {
    run('checking the web build', process.execPath, ['scripts/ensure-web-build.mjs']);
  }

  const server = join(API_DIR, 'dist/src/server.js');
  const built = existsSync(server) ? statSync(server).mtimeMs : 0;
  if (built === 0 || newest(join(API_DIR, 'src')) > built) {
    run('building the API (dist/ missing or older than src/)', 'npm', [
      'run',
      'build',
      '-w',
      '@devtrackr/api',
    ]);
  }
  return webDist;
}
