// Real `git` in a temporary repository, isolated from the machine's own Git config: HOME is a
// temp dir, system config is off, and the repo has its own user.name / user.email.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir, tempHome } from './helpers/cli.js';

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestRepo {
  dir: string;
  home: string;
  /** The environment git (and so the hooks it runs) gets; `extra` is added for one run. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs git; throws with its output when it fails, unless `allowFail`. */
  git(args: string[], options?: { env?: Record<string, string>; allowFail?: boolean }): GitRun;
  /** A commit at a fixed instant (author and committer date), with `--allow-empty`. */
  commitAt(iso: string, message: string): void;
}

export const GIT_EMAIL = 'dev@example.com';

export function newRepo(base: Record<string, string> = {}): TestRepo {
  const home = tempHome();
  const dir = tempDir('repo-');
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    LANG: 'C',
    ...base,
    ...extra,
  });
  const repo: TestRepo = {
    dir,
    home,
    env,
    git(args, options = {}) {
      const run = spawnSync('git', args, { cwd: dir, env: env(options.env), encoding: 'utf8' });
      const result = { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
      if (result.code !== 0 && options.allowFail !== true) {
        throw new Error(`git ${args.join(' ')} failed (${result.code}):\n${run.stderr}`);
      }
      return result;
    },
    commitAt(iso, message) {
      repo.git(['commit', '-q', '--allow-empty', '-m', message], {
        env: { GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso },
      });
    },
  };
  repo.git(['init', '-q', '-b', 'main']);
  repo.git(['config', 'user.name', 'Dev']);
  repo.git(['config', 'user.email', GIT_EMAIL]);
  return repo;
}
