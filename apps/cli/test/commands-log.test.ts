import { createClient } from '@devtrackr/client';
import { describe, expect, inject, it } from 'vitest';
import { newAccount, type TestAccount } from './helpers/account.js';
import { runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');

async function task(account: TestAccount, title: string) {
  return (await account.client.POST('/tasks', { body: { title } })).data;
}

async function entriesOf(account: TestAccount, id: number) {
  return (
    await account.client.GET('/tasks/{id}/time-entries', {
      params: { path: { id }, query: { limit: 200, offset: 0 } },
    })
  ).data;
}

describe('log', () => {
  it('logs an entry ending now without --at, with the note', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Pairing');
    // A clock an hour behind the server's, on a whole second: the entry is exactly placed.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const result = await runCli(
      ['log', '45m', '--task', String(t.id), '--note', 'with Ana', '--json'],
      {
        env: account.env,
        now: () => now,
      },
    );
    expect(result.code).toBe(0);
    const expected = {
      task_id: t.id,
      started_at: new Date(now.getTime() - 45 * 60_000).toISOString(),
      ended_at: now.toISOString(),
      duration_seconds: 2700,
      source: 'manual',
      note: 'with Ana',
    };
    expect(result.json()).toMatchObject(expected);
    expect(await entriesOf(account, t.id)).toMatchObject([expected]);
  });

  it('starts the entry at --at, read in the profile zone', async () => {
    const account = await newAccount(apiUrl);
    const session = createClient({
      baseUrl: apiUrl,
      session: { email: account.email, password: account.password },
    });
    await session.PATCH('/auth/me', { body: { timezone: 'Europe/Berlin' } });
    const t = await task(account, 'Review');

    const result = await runCli(
      ['log', '1h30m', '--task', `#${t.id}`, '--at', '2026-03-02 09:30'],
      {
        env: account.env,
      },
    );
    expect(result.code).toBe(0);
    // Monday 2 March 2026, 09:30 in Berlin is 08:30 UTC (CET, UTC+1); 90 minutes to 10:00 UTC.
    expect(result.stdout).toBe(`Logged 1h 30m on #${t.id}: Mon 2 Mar 09:30 – Mon 2 Mar 11:00\n`);
    expect(await entriesOf(account, t.id)).toMatchObject([
      { started_at: '2026-03-02T08:30:00.000Z', ended_at: '2026-03-02T10:00:00.000Z' },
    ]);
  });

  it('reads "yesterday 14:00" from the clock it is given', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Yesterday');
    const now = new Date();
    // The profile is UTC: yesterday 14:00 is the UTC day before, at 14:00.
    const expected = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 14);
    const result = await runCli(
      ['log', '0:45', '--task', String(t.id), '--at', 'yesterday 14:00', '--json'],
      {
        env: account.env,
        now: () => now,
      },
    );
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      started_at: new Date(expected).toISOString(),
      ended_at: new Date(expected + 45 * 60_000).toISOString(),
    });
  });

  it("logs on the running timer's task without --task", async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Timed');
    await account.client.POST('/tasks/{id}/start-timer', { params: { path: { id: t.id } } });
    const result = await runCli(['log', '30', '--at', '2026-03-02 08:00', '--json'], {
      env: account.env,
    });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ task_id: t.id, duration_seconds: 1800 });
  });

  it("prints the server's problem for an overlap and for a future time, exit 1", async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Overlap');
    const args = ['log', '1h', '--task', String(t.id), '--at', '2026-03-02 10:00'];
    expect((await runCli(args, { env: account.env })).code).toBe(0);

    const overlap = await runCli(
      ['log', '30m', '--task', String(t.id), '--at', '2026-03-02 10:30'],
      {
        env: account.env,
      },
    );
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toContain('(time_entry_overlap)');
    const asJson = await runCli([...args, '--json'], { env: account.env });
    expect(asJson.code).toBe(1);
    expect(asJson.stdout).toBe('');
    expect(JSON.parse(asJson.stderr)).toMatchObject({ status: 409, code: 'time_entry_overlap' });

    const future = await runCli(
      ['log', '1h', '--task', String(t.id), '--at', '2099-01-01 10:00', '--json'],
      {
        env: account.env,
      },
    );
    expect(future.code).toBe(1);
    expect(JSON.parse(future.stderr)).toMatchObject({ status: 422 });
    expect(await entriesOf(account, t.id)).toHaveLength(1);
  });

  it('refuses a bad duration, a bad --at, a bad --task and no task at all: exit 2', async () => {
    const account = await newAccount(apiUrl);
    const t = await task(account, 'Usage');
    const cases = [
      ['log', 'soon', '--task', String(t.id)],
      ['log', '0m', '--task', String(t.id)],
      ['log', '1h', '--task', String(t.id), '--at', 'yesterday'],
      ['log', '1h', '--task', 'abc'],
      ['log', '1h'],
    ];
    for (const args of cases) {
      const result = await runCli(args, { env: account.env });
      expect({ args, code: result.code }).toStrictEqual({ args, code: 2 });
    }
    expect(await entriesOf(account, t.id)).toStrictEqual([]);
  });
});
