// Everything the CLI asks Git, through the real `git` binary (no library: the user's Git, with
// their config, worktrees and hooksPath, is the one that must agree with us).
import { execFile } from 'node:child_process';
import { CliError } from '../errors.js';

export interface GitEnv {
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git; never throws for a non-zero exit (the caller decides what it means). */
export function runGit(args: readonly string[], where: GitEnv): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: where.cwd, env: where.env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
          return;
        }
        reject(new CliError(`cannot run git: ${error.message}`));
      },
    );
  });
}

/** git's stdout, or a CliError carrying git's own message. */
export async function git(args: readonly string[], where: GitEnv): Promise<string> {
  const result = await runGit(args, where);
  if (result.code !== 0) {
    const message = result.stderr.trim().replace(/^fatal: /, '');
    throw new CliError(`git ${args[0] ?? ''}: ${message || `exit code ${result.code}`}`);
  }
  return result.stdout;
}

/** The work tree's top directory; a clear error outside a repository. */
export async function repoRoot(where: GitEnv): Promise<string> {
  const result = await runGit(['rev-parse', '--show-toplevel'], where);
  if (result.code !== 0) throw new CliError('not in a Git repository (or in its .git directory)');
  return result.stdout.trim();
}

/** The checked-out branch's short name, or undefined on a detached HEAD. */
export async function currentBranch(where: GitEnv): Promise<string | undefined> {
  const result = await runGit(['symbolic-ref', '--short', '-q', 'HEAD'], where);
  const branch = result.stdout.trim();
  return result.code === 0 && branch !== '' ? branch : undefined;
}

export interface Commit {
  sha: string;
  /** Committer time, epoch ms: when the work was committed (see readCommits). */
  time: number;
  subject: string;
  /** The values of the commit's `Task:` trailers, as written (`#42`, `42`, `DT-42`). */
  taskTrailers: string[];
  /** The ref `git log --all --source` reached the commit through (`refs/heads/x`). */
  source: string;
}

// Fields are split by NUL and records by a byte no message holds, so subjects and trailer
// values can contain anything. %(trailers:key=Task,valueonly) lists one value per line.
const RECORD = '\x1e';
const FORMAT = `${RECORD}%H%x00%ct%x00%ae%x00%s%x00%(trailers:key=Task,valueonly,unfold)%x00`;

export interface CommitQuery {
  /** Anything `git log --since` takes (`2026-03-01`, `2 weeks ago`). */
  since: string;
  /** Only this author's commits (compared case-insensitively, whole address). */
  email: string;
}

/**
 * The author's commits on every ref, newest first. Times are committer dates, which is what
 * `--since` filters on too; a rebase re-dates the commits it rewrites (to the time of the
 * rebase), which is when that version of the work was committed.
 */
export async function readCommits(query: CommitQuery, where: GitEnv): Promise<Commit[]> {
  const result = await runGit(
    [
      'log',
      // Every branch, tag and remote, but not the stash's or notes' commits: they carry the
      // user's name without being work committed at that time.
      '--exclude=refs/stash',
      '--exclude=refs/notes/*',
      '--all',
      '--source',
      '--no-merges',
      `--since=${query.since}`,
      `--format=${FORMAT}`,
    ],
    where,
  );
  // A repository without any commit yet has nothing to suggest.
  if (result.code !== 0) {
    if (/does not have any commits|bad default revision/.test(result.stderr)) return [];
    throw new CliError(`git log: ${result.stderr.trim().replace(/^fatal: /, '')}`);
  }
  const email = query.email.toLowerCase();
  const commits: Commit[] = [];
  for (const record of result.stdout.split(RECORD)) {
    // With --source, git prints the ref after the hash, separated by a tab.
    const [head = '', seconds = '', author = '', subject = '', trailers = ''] = record.split('\0');
    if (head.trim() === '' || author.toLowerCase() !== email) continue;
    const [sha = '', source = ''] = head.trim().split('\t');
    commits.push({
      sha,
      time: Number(seconds) * 1000,
      subject,
      taskTrailers: trailers
        .split('\n')
        .map((value) => value.trim())
        .filter((value) => value !== ''),
      source,
    });
  }
  return commits;
}

/**
 * The branch each commit was made on, from HEAD's reflog: it records every commit and every
 * checkout, so it still knows `feat/42-x` after that branch was merged or deleted (which
 * `--source` cannot). Read newest first: a commit belongs to the branch HEAD was on at that
 * time, and a "checkout: moving from A to B" means entries older than it were made on A.
 * Reflogs are local and expire (90 days by default), so callers fall back to `--source`.
 */
export async function branchesFromReflog(where: GitEnv): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const result = await runGit(['reflog', 'show', '--format=%H%x00%gs', 'HEAD', '--'], where);
  if (result.code !== 0) return map;
  let branch = await currentBranch(where);
  for (const line of result.stdout.split('\n')) {
    const [sha = '', subject = ''] = line.split('\0');
    if (sha === '') continue;
    const moved = /^checkout: moving from (.+) to .+$/.exec(subject);
    if (moved !== null) {
      const from = moved[1] ?? '';
      // A detached HEAD is named by its hash: no branch until the next checkout back.
      branch = /^[0-9a-f]{40}$/.test(from) ? undefined : from;
      continue;
    }
    if (branch !== undefined && /^(commit|cherry-pick|revert|rebase)/.test(subject)) {
      if (!map.has(sha)) map.set(sha, branch);
    }
  }
  return map;
}

/** A source ref as a branch name (`refs/heads/feat/42-x` → `feat/42-x`). */
export function branchOfSource(source: string): string | undefined {
  const match = /^refs\/(?:heads|remotes\/[^/]+)\/(.+)$/.exec(source);
  return match?.[1];
}
