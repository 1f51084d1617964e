import { describe, expect, inject, it } from 'vitest';
import { newAccount, type TestAccount } from './helpers/account.js';
import { runBin, runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');

async function task(account: TestAccount, title: string, extra: Record<string, unknown> = {}) {
  return (await account.client.POST('/tasks', { body: { title, ...extra } })).data;
}

async function timerOf(account: TestAccount) {
  return (await account.client.GET('/timer')).data;
}

describe('start, stop and status', () => {
  it('starts a timer by id, shows it, and stops it, as the server records', async () => {
    const account = await newAccount(apiUrl);
    const fix = await task(account, 'Fix login redirect');
    const env = account.env;

    const started = await runCli(['start', String(fix.id), '--json'], { env });
    expect(started.code).toBe(0);
    expect(started.json()).toMatchObject({
      task_id: fix.id,
      title: 'Fix login redirect',
      already_running: false,
      switched_from: null,
    });
    expect(await timerOf(account)).toMatchObject({ running: true, task: { id: fix.id } });

    const status = await runCli(['status', '--json'], { env });
    expect(status.code).toBe(0);
    const shown = status.json<{
      running: boolean;
      task: { id: number };
      elapsed_seconds: number;
    }>();
    expect(shown).toMatchObject({
      running: true,
      task: { id: fix.id, title: 'Fix login redirect' },
    });
    expect(shown.elapsed_seconds).toBeGreaterThanOrEqual(0);

    const human = await runCli(['status'], { env });
    expect(human.stdout).toMatch(/▶ #\d+ Fix login redirect {2}\d+:\d\d:\d\d/);
    expect(human.stdout).toContain('Today');
    expect(human.stdout).toContain('This week');

    const again = await runCli(['start', `#${fix.id}`], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Already running on #${fix.id} Fix login redirect`);

    const stopped = await runCli(['stop', '--json'], { env });
    expect(stopped.code).toBe(0);
    expect(stopped.json()).toMatchObject({ task_id: fix.id, title: 'Fix login redirect' });
    expect(await timerOf(account)).toMatchObject({ running: false, task: null });
    const { data: entries } = await account.client.GET('/tasks/{id}/time-entries', {
      params: { path: { id: fix.id }, query: { limit: 200, offset: 0 } },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: 'timer' });
    expect(entries[0]?.ended_at).not.toBeNull();

    const none = await runCli(['stop'], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no timer is running');
  });

  it('switches: starting another task stops the running timer first', async () => {
    const account = await newAccount(apiUrl);
    const first = await task(account, 'First');
    const second = await task(account, 'Second');
    expect((await runCli(['start', String(first.id)], { env: account.env })).code).toBe(0);

    const switched = await runCli(['start', String(second.id), '--json'], { env: account.env });
    expect(switched.code).toBe(0);
    expect(switched.json()).toMatchObject({
      task_id: second.id,
      switched_from: { task_id: first.id, title: 'First' },
    });
    expect(await timerOf(account)).toMatchObject({ running: true, task: { id: second.id } });
    const { data: firstEntries } = await account.client.GET('/tasks/{id}/time-entries', {
      params: { path: { id: first.id }, query: { limit: 200, offset: 0 } },
    });
    expect(firstEntries.map((e) => e.ended_at === null)).toStrictEqual([false]);

    const human = await runCli(['start', String(first.id)], { env: account.env });
    expect(human.stdout).toMatch(/^Stopped #\d+ Second after \d+:\d\d:\d\d\nStarted #\d+ First\n$/);
  });

  it('finds a task by words of its title among open tasks; several exit 2 and list them', async () => {
    const account = await newAccount(apiUrl);
    const fix = await task(account, 'Fix login redirect');
    const copy = await task(account, 'Login page copy');
    await task(account, 'Old login bug', { status: 'done' });
    const env = account.env;

    const ambiguous = await runCli(['start', 'login'], { env });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('2 open tasks match "login"');
    expect(ambiguous.stderr).toContain(`#${fix.id} Fix login redirect`);
    expect(ambiguous.stderr).toContain(`#${copy.id} Login page copy`);
    expect(ambiguous.stderr).not.toContain('Old login bug');
    expect(ambiguous.stdout).toBe('');
    expect(await timerOf(account)).toMatchObject({ running: false });

    const asJson = await runCli(['start', 'login', '--json'], { env });
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ code: 'ambiguous' });

    const none = await runCli(['start', 'nothing', 'like', 'this'], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no open task matches "nothing like this"');

    const one = await runCli(['start', 'login', 'redirect'], { env });
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(`Started #${fix.id} Fix login redirect\n`);
    expect(await timerOf(account)).toMatchObject({ running: true, task: { id: fix.id } });
  });

  it('start --new creates the task from a quick-add line and starts it', async () => {
    const account = await newAccount(apiUrl);
    const result = await runCli(['start', '--new', 'Write the docs #docs @cli ~30m', '--json'], {
      env: account.env,
    });
    expect(result.code).toBe(0);
    const { task_id: id } = result.json<{ task_id: number }>();
    const { data: created } = await account.client.GET('/tasks/{id}', { params: { path: { id } } });
    expect(created).toMatchObject({
      title: 'Write the docs',
      category: 'docs',
      tags: ['cli'],
      estimated_minutes: 30,
    });
    expect(await timerOf(account)).toMatchObject({ running: true, task: { id } });
  });

  it('refuses start without a task, and with both a task and --new', async () => {
    const account = await newAccount(apiUrl);
    expect((await runCli(['start'], { env: account.env })).code).toBe(2);
    const both = await runCli(['start', '3', '--new', 'x'], { env: account.env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
  });

  it("another user's task is the API's 404, exit 1", async () => {
    const owner = await newAccount(apiUrl);
    const stranger = await newAccount(apiUrl);
    const theirs = await task(owner, 'Private');
    const result = await runCli(['start', String(theirs.id)], { env: stranger.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(not_found)');
    expect(await timerOf(owner)).toMatchObject({ running: false });
    expect(await timerOf(stranger)).toMatchObject({ running: false });
  });
});

/** Seconds of [start, end) inside [from, to). */
const overlapSeconds = (start: number, end: number, from: number, to: number): number =>
  Math.max(0, Math.min(end, to) - Math.max(start, from)) / 1000;

describe('status totals', () => {
  it("shows today's and this week's tracked time in the profile's zone (UTC, Monday)", async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Timed');
    const now = Date.now();
    const entries = [
      [now - 3 * 3600_000, now - 90 * 60_000], // 90 minutes, ending 90 minutes ago
      [now - 26 * 3600_000, now - 25 * 3600_000], // an hour, a day earlier
    ] as const;
    for (const [start, end] of entries) {
      await account.client.POST('/tasks/{id}/time-entries', {
        params: { path: { id: t.id } },
        body: { started_at: new Date(start).toISOString(), ended_at: new Date(end).toISOString() },
      });
    }
    // The profile's defaults: UTC, weeks from Monday. Worked out here from the entries.
    const today = new Date(now);
    const dayStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    const weekStart = dayStart - ((today.getUTCDay() + 6) % 7) * 86_400_000;
    const minutesIn = (from: number) =>
      Math.round(entries.reduce((sum, [s, e]) => sum + overlapSeconds(s, e, from, now), 0) / 60);

    const result = await runCli(['status', '--json'], { env: account.env });
    expect(result.code).toBe(0);
    expect(result.json()).toStrictEqual({
      running: false,
      task: null,
      started_at: null,
      elapsed_seconds: null,
      today_minutes: minutesIn(dayStart),
      week_minutes: minutesIn(weekStart),
      today: new Date(dayStart).toISOString().slice(0, 10),
      week_from: new Date(weekStart).toISOString().slice(0, 10),
      time_zone: 'UTC',
      week_start: 'monday',
    });
    const human = await runCli(['status'], { env: account.env });
    expect(human.stdout).toContain('No timer running.');
  });
});

describe('the built CLI as a subprocess', () => {
  it('start, status, stop and log, with the state checked through the API', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Subprocess task');
    const env = account.env;
    expect((await runBin(['start', String(t.id)], { env })).code).toBe(0);
    expect(await timerOf(account)).toMatchObject({ running: true, task: { id: t.id } });
    const status = await runBin(['status', '--json'], { env });
    expect(status.json()).toMatchObject({ running: true, task: { id: t.id } });
    expect((await runBin(['stop'], { env })).code).toBe(0);
    expect(await timerOf(account)).toMatchObject({ running: false });
    const logged = await runBin(
      ['log', '25m', '--task', String(t.id), '--at', '2026-03-02 09:30', '--json'],
      { env },
    );
    expect(logged.code).toBe(0);
    expect(logged.json()).toMatchObject({
      task_id: t.id,
      started_at: '2026-03-02T09:30:00.000Z', // the profile is UTC
      ended_at: '2026-03-02T09:55:00.000Z',
      duration_seconds: 1500,
      source: 'manual',
    });
  });
});
