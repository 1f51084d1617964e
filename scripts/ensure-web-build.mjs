// `npm start` runs this first (prestart): a fresh clone, or one whose web sources changed since
// the last build, gets apps/web/dist built before the API serves it at /app/, so nobody has to
// know about a separate build command. Up to date: it costs one walk of the source folders.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const output = join(root, 'apps/web/dist/index.html');
// Everything the web build reads besides node_modules: its sources and its workspace packages.
const inputs = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/public',
  'packages/client/dist',
  'packages/quick-add/dist',
].map((path) => join(root, path));
// The workspace packages the web app imports, built by `npm install` (prepare) normally.
const packages = [
  { name: '@devtrackr/client', entry: 'packages/client/dist/index.js' },
  { name: '@devtrackr/quick-add', entry: 'packages/quick-add/dist/index.js' },
];

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function run(workspace, script = 'build') {
  console.log(`ensure-web-build: building ${workspace}`);
  const result = spawnSync('npm', ['run', script, '-w', workspace], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`ensure-web-build: the build of ${workspace} failed`);
    process.exit(result.status ?? 1);
  }
}

for (const { name, entry } of packages) {
  if (!existsSync(join(root, entry))) run(name);
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const reason =
  built === 0
    ? 'no build yet'
    : inputs.some((path) => newest(path) > built)
      ? 'sources changed'
      : '';
if (reason === '') {
  console.log('ensure-web-build: apps/web/dist is up to date');
} else {
  console.log(`ensure-web-build: ${reason}`);
  // The bundle only (vite build + compression), not the type check of `npm run build`: starting
  // the app must not fail on a type error in a test file; CI and `npm run build` check types.
  run('@devtrackr/web', 'build:app');
}
