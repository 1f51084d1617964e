import type { Task } from '@devtrackr/client';
import { describe, expect, inject, it } from 'vitest';
import { newAccount, type TestAccount } from './helpers/account.js';
import { runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');

async function task(account: TestAccount, title: string, extra: Record<string, unknown> = {}) {
  return (await account.client.POST('/tasks', { body: { title, ...extra } })).data;
}

async function fetchTask(account: TestAccount, id: number) {
  return (await account.client.GET('/tasks/{id}', { params: { path: { id } } })).data;
}

const DAY_MS = 86_400_000;

/** The end of the coming Friday (today when it is Friday) in UTC, the new profile's zone. */
function endOfFriday(now: Date): string {
  const ahead = (5 - now.getUTCDay() + 7) % 7;
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + ahead * DAY_MS;
  return new Date(day + DAY_MS - 1).toISOString();
}

describe('add', () => {
  it('creates the task the quick-add line describes', async () => {
    const account = await newAccount(apiUrl);
    const now = new Date();
    const result = await runCli(
      ['add', 'Fix login redirect #backend @ui !high due:fri ~45m', '--json'],
      { env: account.env, now: () => now },
    );
    expect(result.code).toBe(0);
    const { id } = result.json<Task>();
    expect(await fetchTask(account, id)).toMatchObject({
      title: 'Fix login redirect',
      category: 'backend',
      tags: ['ui'],
      priority: 'high',
      due_at: endOfFriday(now),
      estimated_minutes: 45,
      status: 'todo',
    });

    const words = await runCli(['add', 'Plain', 'words', '!low'], { env: account.env });
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^Added #\d+ Plain words {2}!low\n$/);
  });

  it('refuses a line with errors, showing where, and creates nothing (exit 2)', async () => {
    const account = await newAccount(apiUrl);
    const result = await runCli(['add', 'Ship it !hihg ~0m'], { env: account.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing was added');
    expect(result.stderr).toContain('  Ship it !hihg ~0m\n');
    // "!hihg" starts at 8 and "~0m" at 14 (the line is indented by 2 like the carets).
    expect(result.stderr).toContain(`\n  ${' '.repeat(8)}^^^^^ Unknown priority "!hihg"`);
    expect(result.stderr).toContain(`\n  ${' '.repeat(14)}^^^ An estimate is at least 1 minute`);
    const { data } = await account.client.GET('/tasks');
    expect(data).toStrictEqual([]);
  });
});

describe('tasks', () => {
  it("lists with the API's filters", async () => {
    const account = await newAccount(apiUrl);
    const api = await task(account, 'API work', {
      priority: 'high',
      category: 'backend',
      tags: ['api'],
    });
    const css = await task(account, 'CSS polish', { priority: 'low', category: 'frontend' });
    const late = await task(account, 'Late report', { due_at: '2026-01-05T12:00:00.000Z' });
    const old = await task(account, 'Finished thing', { status: 'done' });
    const ids = async (...args: string[]) => {
      const result = await runCli(['tasks', ...args, '--json'], { env: account.env });
      expect(result.code).toBe(0);
      return result.json<Task[]>().map((t) => t.id);
    };

    expect(await ids()).toStrictEqual([api.id, css.id, late.id]); // open ones, by id
    expect(await ids('--all')).toStrictEqual([api.id, css.id, late.id, old.id]);
    expect(await ids('--status', 'done')).toStrictEqual([old.id]);
    expect(await ids('--priority', 'high,low')).toStrictEqual([api.id, css.id]);
    expect(await ids('--category', 'frontend')).toStrictEqual([css.id]);
    expect(await ids('--tag', 'api')).toStrictEqual([api.id]);
    expect(await ids('-q', 'polish')).toStrictEqual([css.id]);
    expect(await ids('--overdue')).toStrictEqual([late.id]);
    expect(await ids('--due-by', '2026-01-05')).toStrictEqual([late.id]);
    expect(await ids('--due-by', '2026-01-04')).toStrictEqual([]);
    expect(await ids('--sort', '-id', '--limit', '2')).toStrictEqual([late.id, css.id]);
    expect(await ids('--workspace', String(api.workspace_id))).toStrictEqual([
      api.id,
      css.id,
      late.id,
    ]);
    expect(await ids('--assignee', 'none')).toStrictEqual([api.id, css.id, late.id]);
    expect(await ids('--assignee', 'me')).toStrictEqual([]); // created, not assigned
    const elsewhere = await runCli(['tasks', '--workspace', '2147483647'], { env: account.env });
    expect(elsewhere.code).toBe(1); // not a member: the API's 404
    expect(elsewhere.stderr).toContain('(not_found)');

    const table = await runCli(['tasks', '--limit', '2'], { env: account.env });
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID {2}STATUS {2}PRIORITY {2}TITLE/);
    expect(lines[1]).toContain('API work');
    expect(lines[2]).toContain('CSS polish');
    expect(lines[3]).toBe('2 of 3 shown; --limit shows more (up to 200)');

    const bad = await runCli(['tasks', '--sort', 'nonsense'], { env: account.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('query.sort');
    expect((await runCli(['tasks', '--limit', 'ten'], { env: account.env })).code).toBe(2);
  });
});

describe('show, done and edit', () => {
  it('shows one task', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Shown', { category: 'docs', estimated_minutes: 90 });
    const json = await runCli(['show', String(t.id), '--json'], { env: account.env });
    expect(json.json()).toMatchObject({ id: t.id, title: 'Shown', category: 'docs' });
    const human = await runCli(['show', `#${t.id}`], { env: account.env });
    expect(human.stdout).toContain(`#${t.id} Shown\n`);
    expect(human.stdout).toContain('  Category:  docs\n');
    expect(human.stdout).toContain('  Estimate:  1h 30m\n');
  });

  it('marks several tasks done, reports each failure and exits 1 if any failed', async () => {
    const account = await newAccount(apiUrl);
    const a = await task(account, 'A');
    const b = await task(account, 'B');
    const result = await runCli(['done', String(a.id), '999999', `#${b.id}`], { env: account.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`Done #${a.id} A\nDone #${b.id} B\n`);
    expect(result.stderr).toContain('#999999:');
    expect(result.stderr).toContain('(not_found)');
    expect((await fetchTask(account, a.id)).status).toBe('done');
    expect((await fetchTask(account, b.id)).status).toBe('done');

    const c = await task(account, 'C');
    const json = await runCli(['done', String(c.id), '--json'], { env: account.env });
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject([{ id: c.id, ok: true, task: { status: 'done' } }]);

    expect((await runCli(['done', 'x1'], { env: account.env })).code).toBe(2);
  });

  it('changes only the fields given', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Before', {
      category: 'old',
      description: 'kept',
      status: 'doing',
      tags: ['a'],
    });
    const result = await runCli(
      [
        'edit',
        String(t.id),
        '--title',
        'After',
        '--priority',
        'urgent',
        '--tags',
        'x, y',
        '--estimate',
        '1h30m',
        '--category',
        '',
        '--due',
        '2026-12-24',
        '--json',
      ],
      { env: account.env },
    );
    expect(result.code).toBe(0);
    expect(await fetchTask(account, t.id)).toMatchObject({
      title: 'After',
      priority: 'urgent',
      tags: ['x', 'y'],
      estimated_minutes: 90,
      category: null,
      due_at: '2026-12-24T23:59:59.999Z', // a date alone: the end of that day, UTC profile
      description: 'kept',
      status: 'doing',
    });

    const clear = await runCli(['edit', String(t.id), '--due', '', '--estimate', ''], {
      env: account.env,
    });
    expect(clear.stdout).toBe(`Changed #${t.id} After: estimated_minutes, due_at\n`);
    expect(await fetchTask(account, t.id)).toMatchObject({ due_at: null, estimated_minutes: null });

    for (const args of [[], ['--status', 'finished'], ['--priority', 'hot'], ['--estimate', 'x']]) {
      const bad = await runCli(['edit', String(t.id), ...args], { env: account.env });
      expect({ args, code: bad.code }).toStrictEqual({ args, code: 2 });
    }
  });

  it("answers another user's task with the API's 404, exit 1", async () => {
    const owner = await newAccount(apiUrl);
    const stranger = await newAccount(apiUrl);
    const theirs = await task(owner, 'Private');
    for (const args of [
      ['show', String(theirs.id)],
      ['done', String(theirs.id)],
      ['edit', String(theirs.id), '--title', 'Mine now'],
      ['log', '10m', '--task', String(theirs.id), '--at', '2026-03-02 08:00'],
    ]) {
      const result = await runCli(args, { env: stranger.env });
      expect({ args, code: result.code }).toStrictEqual({ args, code: 1 });
      expect(result.stderr).toContain('(not_found)');
    }
    expect(await fetchTask(owner, theirs.id)).toMatchObject({ title: 'Private', status: 'todo' });
  });
});
