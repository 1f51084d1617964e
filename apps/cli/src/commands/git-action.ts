// The `git` commands' actions, loaded only when one runs (see git.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMinutes } from '@devtrackr/quick-add';
import type { CliContext } from '../context.js';
import { CliError, EXIT_FAILED, UsageError, isApiError } from '../errors.js';
import { readRepoConfig } from '../git/branch.js';
import { postCheckout } from '../git/hook-post-checkout.js';
import { prepareCommitMsg } from '../git/hook-prepare-commit-msg.js';
import { installHooks, uninstallHooks, type HookChange } from '../git/hooks.js';
import { branchesFromReflog, git, readCommits, repoRoot, type GitEnv } from '../git/log.js';
import { commitSpan, fetchLogged, planSuggestions, type Suggestion } from '../git/suggest.js';

function gitEnv(ctx: CliContext): GitEnv {
  return { cwd: ctx.io.cwd, env: ctx.io.env };
}

/**
 * How the hooks call this CLI: this Node and the built bin, by absolute path. Run from src/
 * (the in-process tests) there is no bin.js beside this module, so the package's dist/bin.js is
 * the one a hook can run.
 */
export function hookCommand(): string[] {
  const beside = fileURLToPath(new URL('../bin.js', import.meta.url));
  const bin = existsSync(beside)
    ? beside
    : fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
  return [process.execPath, bin];
}

function printChanges(ctx: CliContext, changes: HookChange[]): void {
  if (ctx.json) {
    ctx.out.json(changes);
    return;
  }
  for (const change of changes) {
    ctx.out.line(`${change.hook}: ${change.action} (${change.path})`);
    if (change.warning !== undefined) ctx.out.warn(`warning: ${change.warning}`);
  }
}

export async function install(ctx: CliContext): Promise<void> {
  const where = gitEnv(ctx);
  await repoRoot(where);
  printChanges(ctx, await installHooks(where, hookCommand()));
}

export async function uninstall(ctx: CliContext): Promise<void> {
  const where = gitEnv(ctx);
  await repoRoot(where);
  printChanges(ctx, await uninstallHooks(where));
}

export async function hook(ctx: CliContext, name: string, args: string[]): Promise<void> {
  if (name === 'post-checkout') await postCheckout(ctx, args);
  else if (name === 'prepare-commit-msg') await prepareCommitMsg(ctx, args);
  else throw new UsageError(`unknown hook ${name}: post-checkout or prepare-commit-msg`);
}

/**
 * `2h`, `30m`, `1h30m`, `1.5h`, `1:30` or bare minutes (`90`): the grammar of a quick-add
 * estimate and of `devtrackr log`, from the one shared parser. 0 is allowed here (no lead).
 */
export function parseGapMinutes(text: string, option: string): number {
  const minutes = parseMinutes(text.trim());
  if (minutes === undefined) {
    throw new UsageError(`${option} ${text}: use a duration like 2h, 30m, 1h30m or 90 (minutes)`);
  }
  return minutes;
}

/**
 * git reads a bare date (`--since 2026-06-02`) as that day at the current time of day; a person
 * means the whole day, so a date alone is given to git as its midnight (machine time zone).
 */
export function sinceForGit(since: string): string {
  const text = since.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text;
}

export interface SuggestOptions {
  since: string;
  apply?: boolean;
  gap?: string;
  lead?: string;
}

/** One row of the answer: a proposal, and what became of it. */
export interface SuggestRow extends Suggestion {
  task_title: string | null;
  /** unassigned and task_not_found rows are never applied. */
  status: 'proposed' | 'unassigned' | 'task_not_found' | 'created' | 'failed';
  entry_id: number | null;
  error: string | null;
}

export async function suggest(ctx: CliContext, options: SuggestOptions): Promise<void> {
  const where = gitEnv(ctx);
  const config = await readRepoConfig(await repoRoot(where));
  const gapMinutes =
    options.gap === undefined ? config.sessionGapMinutes : parseGapMinutes(options.gap, '--gap');
  const leadMinutes =
    options.lead === undefined
      ? config.sessionLeadMinutes
      : parseGapMinutes(options.lead, '--lead');
  if (gapMinutes < 1) throw new UsageError('--gap must be at least 1 minute');

  const email = (await git(['config', 'user.email'], where).catch(() => '')).trim();
  if (email === '') throw new CliError('git config user.email is not set: whose commits?');
  const commits = await readCommits({ since: sinceForGit(options.since), email }, where);
  const now = ctx.io.now().getTime();
  const span = commitSpan(commits, leadMinutes);

  const client = await ctx.client();
  const logged = span === undefined ? [] : await fetchLogged(client, span, now);
  const plan = planSuggestions({
    commits,
    reflogBranches: await branchesFromReflog(where),
    branchPattern: config.branchPattern,
    gapMinutes,
    leadMinutes,
    logged,
    now,
  });

  const titles = new Map<number, string | null>();
  for (const id of new Set(plan.map((s) => s.task_id))) {
    if (id === null) continue;
    try {
      titles.set(id, (await client.GET('/tasks/{id}', { params: { path: { id } } })).data.title);
    } catch (error) {
      // Another user's task is the same 404 as a missing one: either way it cannot get time.
      if (isApiError(error) && error.status === 404) titles.set(id, null);
      else throw error;
    }
  }
  const rows: SuggestRow[] = plan.map((s) => {
    const title = s.task_id === null ? null : (titles.get(s.task_id) ?? null);
    const status =
      s.task_id === null ? 'unassigned' : title === null ? 'task_not_found' : 'proposed';
    return { ...s, task_title: title, status, entry_id: null, error: null };
  });

  if (options.apply === true) {
    for (const row of rows) {
      if (row.status !== 'proposed' || row.task_id === null) continue;
      try {
        const { data } = await client.POST('/tasks/{id}/time-entries', {
          params: { path: { id: row.task_id } },
          body: { started_at: row.started_at, ended_at: row.ended_at, note: row.note },
        });
        row.status = 'created';
        row.entry_id = data.id;
      } catch (error) {
        if (!isApiError(error) || error.status === 0 || error.status === 401) throw error;
        row.status = 'failed';
        row.error = `${error.title}: ${error.detail} (${error.code})`;
        ctx.exitCode = EXIT_FAILED;
      }
    }
  }
  printSuggestions(ctx, rows, options.apply === true);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local time, to the minute: what a person compares with their day. */
function local(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function printSuggestions(ctx: CliContext, rows: SuggestRow[], applied: boolean): void {
  if (ctx.json) {
    ctx.out.json(rows);
    return;
  }
  if (rows.length === 0) {
    ctx.out.line('Nothing to suggest: no commits of yours outside time already logged.');
    return;
  }
  const { c } = ctx.out;
  const label: Record<SuggestRow['status'], string> = {
    proposed: 'proposed',
    unassigned: c.dim('no task'),
    task_not_found: c.yellow('task not found'),
    created: c.green('created'),
    failed: c.red('failed'),
  };
  ctx.out.table(
    [
      'Task',
      'Start',
      'End',
      { header: 'Minutes', align: 'right' },
      { header: 'Commits', align: 'right' },
      'Status',
      'Note',
    ],
    rows.map((r) => [
      r.task_id === null ? '-' : `#${r.task_id}${r.task_title === null ? '' : ` ${r.task_title}`}`,
      local(r.started_at),
      local(r.ended_at),
      String(r.minutes),
      String(r.commits),
      label[r.status],
      r.error ?? r.note,
    ]),
  );
  const count = (status: SuggestRow['status']) => rows.filter((r) => r.status === status).length;
  if (applied) {
    ctx.out.line(`Created ${count('created')} entr${count('created') === 1 ? 'y' : 'ies'}.`);
  } else if (count('proposed') > 0) {
    ctx.out.line(c.dim('Run again with --apply to create the proposed entries.'));
  }
}
