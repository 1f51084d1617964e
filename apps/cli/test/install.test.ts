import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${cli}package.json`, 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

// CI installs with `npm ci` in a fresh clone: these fail when that install no longer links a
// working `devtrackr` (the bin's target must exist before the build, which runs afterwards).
describe('install', () => {
  it('npm links the devtrackr bin at the root to the committed shim', () => {
    const linked = realpathSync(`${root}node_modules/.bin/devtrackr`);
    expect(linked).toBe(realpathSync(`${cli}${pkg.bin.devtrackr}`));
  });

  it('npx devtrackr, from the repository root, runs the built CLI', () => {
    const out = execFileSync('npx', ['--no-install', 'devtrackr', '--version'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(out).toBe(`${pkg.version}\n`);
  });
});
