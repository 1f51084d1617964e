// `git suggest` on a repository built here with commits at fixed dates; the expected sessions
// are worked out by hand below, and what --apply created is read back through the SDK.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { SuggestRow } from '../src/commands/git-action.js';
import { newAccount, type TestAccount } from './helpers/account.js';
import { runCli } from './helpers/cli.js';
import { newRepo } from './git-repo.js';

const apiUrl = inject('apiUrl');
const DAY = '2026-06-02';
const at = (time: string) => `${DAY}T${time}:00Z`;

async function entriesOn(account: TestAccount) {
  const { data } = await account.client.GET('/time-entries', {
    params: {
      query: { from: `${DAY}T00:00:00Z`, to: '2026-06-04T00:00:00Z', limit: 200, offset: 0 },
    },
  });
  return data
    .map((e) => ({
      task_id: e.task_id,
      start: new Date(e.started_at).toISOString(),
      end: e.ended_at === null ? null : new Date(e.ended_at).toISOString(),
      note: e.note,
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

const iso = (time: string) => new Date(at(time)).toISOString();

describe('git suggest', () => {
  it('forms sessions from the author’s commits and --apply trims around logged time', async () => {
    const account = await newAccount(apiUrl, 'git-suggest');
    const t1 = (await account.client.POST('/tasks', { body: { title: 'Login' } })).data.id;
    const t2 = (await account.client.POST('/tasks', { body: { title: 'Refactor' } })).data.id;
    const branch = `feat/${t1}-login`;

    const repo = newRepo();
    repo.commitAt(at('15:00'), 'init'); // on main: a session naming no task
    repo.git(['checkout', '-q', '-b', branch]);
    repo.commitAt(at('09:00'), 'one');
    repo.commitAt(at('09:40'), 'two');
    repo.commitAt(at('10:30'), 'three');
    // Someone else's commit would bridge 10:30 and 12:30 into one session if it counted.
    repo.git(['commit', '-q', '--allow-empty', '-m', 'theirs'], {
      env: {
        GIT_AUTHOR_DATE: at('11:30'),
        GIT_COMMITTER_DATE: at('11:30'),
        GIT_AUTHOR_EMAIL: 'other@example.com',
      },
    });
    repo.commitAt(at('12:30'), 'four'); // 2 h after 10:30 exactly: a new session
    repo.commitAt(at('13:00'), `refactor\n\nTask: #${t2}`); // the trailer names another task
    repo.commitAt('2026-06-03T09:00:00Z', 'gone\n\nTask: #999999999');
    // A stash is commits too (index, work tree), by this author: not work, never a session.
    await writeFile(join(repo.dir, 'wip.txt'), 'wip\n');
    repo.git(['add', 'wip.txt']);
    repo.git(['stash', '-q'], {
      env: { GIT_AUTHOR_DATE: at('20:00'), GIT_COMMITTER_DATE: at('20:00') },
    });
    expect(repo.git(['stash', 'list']).stdout).toContain('stash@{0}');

    // Already logged on t1, in the middle of the first session.
    await account.client.POST('/tasks/{id}/time-entries', {
      params: { path: { id: t1 } },
      body: { started_at: at('09:10'), ended_at: at('09:50'), note: 'by hand' },
    });

    // By hand: sessions [08:30, 10:30] (3 commits, t1), [12:00, 13:00] split at the 12:30
    // commit into t1 and t2, [14:30, 15:00] (main, no task), and 2026-06-03 [08:30, 09:00] on a
    // task that does not exist. The first is cut by the logged 09:10–09:50.
    const note1 = `git: 3 commits on ${branch}`;
    const expected = [
      [t1, iso('08:30'), iso('09:10'), 40, 3, note1, 'proposed'],
      [t1, iso('09:50'), iso('10:30'), 40, 3, note1, 'proposed'],
      [t1, iso('12:00'), iso('12:30'), 30, 1, `git: 1 commit on ${branch}`, 'proposed'],
      [t2, iso('12:30'), iso('13:00'), 30, 1, `git: 1 commit on ${branch}`, 'proposed'],
      [null, iso('14:30'), iso('15:00'), 30, 1, 'git: 1 commit on main', 'unassigned'],
      [
        999999999,
        '2026-06-03T08:30:00.000Z',
        '2026-06-03T09:00:00.000Z',
        30,
        1,
        `git: 1 commit on ${branch}`,
        'task_not_found',
      ],
    ];
    const shape = (rows: SuggestRow[]) =>
      rows.map((r) => [
        r.task_id,
        r.started_at,
        r.ended_at,
        r.minutes,
        r.commits,
        r.note,
        r.status,
      ]);

    const run = (args: string[]) =>
      runCli(['git', 'suggest', '--since', '2026-06-01', ...args], {
        cwd: repo.dir,
        home: repo.home,
        env: account.env,
      });

    const dry = await run(['--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(shape(dry.json<SuggestRow[]>())).toEqual(expected);
    expect(await entriesOn(account)).toHaveLength(1);

    const table = await run([]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`#${t1} Login .* 40 +3 +proposed +${note1}`));
    expect(table.stdout).toContain('--apply');

    const applied = await run(['--apply', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    const rows = applied.json<SuggestRow[]>();
    expect(rows.map((r) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'unassigned',
      'task_not_found',
    ]);

    expect(await entriesOn(account)).toEqual([
      { task_id: t1, start: iso('08:30'), end: iso('09:10'), note: note1 },
      { task_id: t1, start: iso('09:10'), end: iso('09:50'), note: 'by hand' },
      { task_id: t1, start: iso('09:50'), end: iso('10:30'), note: note1 },
      { task_id: t1, start: iso('12:00'), end: iso('12:30'), note: `git: 1 commit on ${branch}` },
      { task_id: t2, start: iso('12:30'), end: iso('13:00'), note: `git: 1 commit on ${branch}` },
    ]);
    expect(rows.slice(0, 4).map((r) => typeof r.entry_id)).toEqual(Array(4).fill('number'));

    // Everything is logged now: a second --apply proposes and creates nothing more.
    const again = await run(['--apply']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Created 0 entries.');
    expect(await entriesOn(account)).toHaveLength(5);
  });

  it('reads the gap and lead from .devtrackr.json; flags win', async () => {
    const account = await newAccount(apiUrl, 'git-suggest-cfg');
    const task = (await account.client.POST('/tasks', { body: { title: 'Cfg' } })).data.id;
    const repo = newRepo();
    repo.git(['checkout', '-q', '-b', `dt-${task}`]);
    repo.commitAt(at('09:00'), 'a');
    repo.commitAt(at('09:50'), 'b');
    await writeFile(
      join(repo.dir, '.devtrackr.json'),
      JSON.stringify({ sessionGapMinutes: 45, sessionLeadMinutes: 10 }),
    );
    const opts = { cwd: repo.dir, home: repo.home, env: account.env };
    const spans = (rows: SuggestRow[]) => rows.map((r) => [r.started_at, r.ended_at]);

    const fromFile = await runCli(['git', 'suggest', '--since', '2026-06-01', '--json'], opts);
    expect(spans(fromFile.json<SuggestRow[]>())).toEqual([
      [iso('08:50'), iso('09:00')],
      [iso('09:40'), iso('09:50')],
    ]);
    const flags = await runCli(
      ['git', 'suggest', '--since', '2026-06-01', '--gap', '1h', '--lead', '0', '--json'],
      opts,
    );
    expect(spans(flags.json<SuggestRow[]>())).toEqual([[iso('09:00'), iso('09:50')]]);

    const bad = await runCli(['git', 'suggest', '--gap', 'soon'], opts);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gap soon');
  });

  it('a merged and deleted branch still names the task of its commits (reflog)', async () => {
    const account = await newAccount(apiUrl, 'git-suggest-merged');
    const task = (await account.client.POST('/tasks', { body: { title: 'Merged' } })).data.id;
    const repo = newRepo();
    repo.commitAt('2026-06-01T08:00:00Z', 'init');
    repo.git(['checkout', '-q', '-b', `${task}-merged`]);
    repo.commitAt(at('10:00'), 'work');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--ff-only', `${task}-merged`]);
    repo.git(['branch', '-q', '-d', `${task}-merged`]);
    // The init commit is before --since (written with its zone, so any TZ reads it the same).
    const result = await runCli(['git', 'suggest', '--since', '2026-06-01 20:00 +0000', '--json'], {
      cwd: repo.dir,
      home: repo.home,
      env: account.env,
    });
    const rows = result.json<SuggestRow[]>();
    expect(rows.map((r) => [r.task_id, r.branch, r.started_at, r.ended_at])).toEqual([
      [task, `${task}-merged`, iso('09:30'), iso('10:00')],
    ]);
  });

  it('no commits: nothing to suggest', async () => {
    const account = await newAccount(apiUrl, 'git-suggest-none');
    const repo = newRepo();
    const result = await runCli(['git', 'suggest'], {
      cwd: repo.dir,
      home: repo.home,
      env: account.env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing to suggest');
  });
});
