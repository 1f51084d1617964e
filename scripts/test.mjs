// `npm test` at the root: every workspace's tests, one after another, then one closing line
// ("N passed, N failed") summed over all of them. Each workspace keeps its own runner and
// coverage threshold; a workspace without a `test` script is skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const workspaces = rootPkg.workspaces
  .flatMap((pattern) => {
    const base = pattern.replace(/\/\*$/, '');
    return readdirSync(join(root, base), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(base, d.name));
  })
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => pkg.scripts?.test)
  .filter(({ dir, pkg }) => only.length === 0 || only.includes(pkg.name) || only.includes(dir));

const out = mkdtempSync(join(tmpdir(), 'devtrackr-test-'));
let passed = 0;
let failed = 0;
let status = 0;
for (const { dir, pkg } of workspaces) {
  process.stdout.write(`\n== ${pkg.name} (${dir})\n`);
  const json = join(out, `${pkg.name.replace(/\W/g, '_')}.json`);
  const run = spawnSync(
    'npm',
    ['test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
    { cwd: join(root, dir), stdio: 'inherit' },
  );
  if (run.status !== 0) status = 1;
  try {
    const result = JSON.parse(readFileSync(json, 'utf8'));
    passed += result.numPassedTests ?? 0;
    failed += result.numFailedTests ?? 0;
  } catch {
    // No report: the runner failed before writing one; the exit status already says so.
    status = 1;
  }
}
rmSync(out, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
