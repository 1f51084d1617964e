import { describe, expect, inject, it } from 'vitest';
import { newAccount } from './helpers/account.js';
import { runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');
const DAY_MS = 86_400_000;

interface ReportJson {
  summary: { period: { from: string; to: string }; tracked_minutes: number; worked_tasks: number };
  weekly: { weeks: { tracked_minutes: number; completed: number }[] };
  time_efficiency: {
    overall: { tasks: number; accuracy: number | null };
    categories: {
      category: string;
      estimated_minutes: number;
      actual_minutes: number;
      accuracy: number | null;
    }[];
  };
  productivity_trends: { days: { date: string; tracked_minutes: number }[] };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('report', () => {
  it('gives the summary, weekly score, estimate accuracy and daily bars of known entries', async () => {
    const account = await newAccount(apiUrl);
    const { data: t } = await account.client.POST('/tasks', {
      body: { title: 'Backend job', category: 'backend', estimated_minutes: 100 },
    });
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const yesterday = today - DAY_MS;
    const twoDaysAgo = today - 2 * DAY_MS;
    // The profile is UTC: 90 minutes yesterday, 30 two days ago.
    for (const [start, minutes] of [
      [yesterday + 10 * 3600_000, 90],
      [twoDaysAgo + 9 * 3600_000, 30],
    ] as const) {
      await account.client.POST('/tasks/{id}/time-entries', {
        params: { path: { id: t.id } },
        body: {
          started_at: new Date(start).toISOString(),
          ended_at: new Date(start + minutes * 60_000).toISOString(),
        },
      });
    }
    await account.client.PATCH('/tasks/{id}', {
      params: { path: { id: t.id } },
      body: { status: 'done' },
    });

    const result = await runCli(['report', '--days', '7', '--json'], { env: account.env });
    expect(result.code).toBe(0);
    const report = result.json<ReportJson>();
    expect(report.summary).toMatchObject({
      period: { from: isoDay(today - 6 * DAY_MS), to: isoDay(today) },
      tracked_minutes: 120,
      worked_tasks: 1,
    });
    expect(report.weekly.weeks.reduce((sum, w) => sum + w.tracked_minutes, 0)).toBe(120);
    expect(report.weekly.weeks.reduce((sum, w) => sum + w.completed, 0)).toBe(1);
    // 120 tracked against 100 estimated: accuracy 1 − |120 − 100| ÷ 100 = 80 %.
    expect(report.time_efficiency.categories).toMatchObject([
      { category: 'backend', estimated_minutes: 100, actual_minutes: 120, accuracy: 80 },
    ]);
    const perDay = Object.fromEntries(
      report.productivity_trends.days.map((d) => [d.date, d.tracked_minutes]),
    );
    expect(report.productivity_trends.days).toHaveLength(7);
    expect(perDay).toMatchObject({
      [isoDay(yesterday)]: 90,
      [isoDay(twoDaysAgo)]: 30,
      [isoDay(today)]: 0,
    });

    const human = await runCli(['report', '--days', '3'], { env: account.env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Tracked 2h on 1 task');
    expect(human.stdout).toMatch(/backend +1 +1h 40m +2h +80 % +0\/0\/1/);
    const chart = human.stdout.trimEnd().split('\n').slice(-3);
    // 80 columns (no terminal): labels of 10 ("Thu  3 Dec"), texts of 6 ("1h 30m"), 2 spaces
    // → 62 cells. 90 minutes fill them; 30 is 62 × 8 ÷ 3 = 165.3 → 165 eighths = 20 cells + 5/8.
    expect(chart.map((line) => line.length)).toStrictEqual([80, 80, 80]);
    expect(chart[0]).toMatch(new RegExp(`^.{10} █{20}▋ {41}    30m$`));
    expect(chart[1]).toMatch(new RegExp(`^.{10} █{62} 1h 30m$`));
    expect(chart[2]).toMatch(new RegExp(`^.{10} {64}    0m$`));
  });

  it('takes --week and --from/--to as the period', async () => {
    const account = await newAccount(apiUrl);
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS;
    const week = await runCli(['report', '--week', '--json'], { env: account.env });
    expect(week.json<ReportJson>().summary.period).toMatchObject({
      from: isoDay(monday),
      to: isoDay(today),
    });
    const range = await runCli(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--json'], {
      env: account.env,
    });
    const march = range.json<ReportJson>();
    expect(march.summary.period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(march.productivity_trends.days).toHaveLength(31);
  });

  it('refuses mixed or incomplete periods (exit 2)', async () => {
    const account = await newAccount(apiUrl);
    for (const args of [
      ['--days', '3', '--week'],
      ['--from', '2026-03-01'],
      ['--days', 'many'],
    ]) {
      const result = await runCli(['report', ...args], { env: account.env });
      expect({ args, code: result.code }).toStrictEqual({ args, code: 2 });
    }
  });
});
