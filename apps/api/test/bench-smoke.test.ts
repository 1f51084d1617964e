import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Keeps the benchmark harness from rotting: runs `bench/run.ts --smoke` (a few seeded rows, every
 * scenario for about a second on 2 connections, against DevTrackr's build and the ceiling) as a
 * child process, and checks that it succeeds and writes a well-formed result. It needs PostgreSQL
 * (TEST_DATABASE_URL, or the local default) whatever the vitest project, so it belongs to one
 * project only. Performance itself is never asserted here.
 */

const SCENARIOS = [
  'hello',
  'task-get',
  'tasks-list',
  'tasks-first-page',
  'tasks-deep-cursor',
  'task-create',
  'task-patch',
  'timer-pair',
  'metrics-summary',
  'metrics-weekly',
  'metrics-summary-heavy',
  'metrics-weekly-heavy',
  'login',
];
const PROBES = [
  'tasks-first-page',
  'tasks-deep-cursor',
  'metrics-summary-90d',
  'metrics-categories-90d',
  'metrics-weekly-90d',
  'metrics-time-efficiency-90d',
  'metrics-productivity-trends-90d',
  'metrics-priorities-90d',
  'metrics-insights-90d',
  // Issue 15: the team workspace (bench/lib/team.ts).
  'metrics-team-90d',
  'metrics-summary-ws-90d',
  'metrics-categories-ws-90d',
  'metrics-weekly-ws-90d',
  'metrics-time-efficiency-ws-90d',
  'metrics-productivity-trends-ws-90d',
  'metrics-priorities-ws-90d',
  'metrics-insights-ws-90d',
  'metrics-summary-project-90d',
  'metrics-summary-user-90d',
];

interface Stats {
  requests: number;
  rps: number;
  errors: number;
  latencyMs: { p50: number; p99: number };
  peakRssMiB: number;
  cpuMeanPct: number;
}

const outDir = mkdtempSync(join(tmpdir(), 'devtrackr-bench-smoke-'));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('benchmark harness (npm run bench -- --smoke)', () => {
  it('seeds, runs every scenario on both servers without errors and writes its results', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', `--out-dir=${outDir}`],
      {
        env: {
          ...process.env,
          BENCH_DATABASE_URL:
            process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);

    const files = readdirSync(outDir);
    const json = files.filter((f) => f.endsWith('-smoke.json'));
    expect(json, files.join(', ')).toHaveLength(1);
    expect(files).toContain('latest.md');

    const report = JSON.parse(readFileSync(join(outDir, json[0]!), 'utf8')) as {
      version: number;
      mode: string;
      commit: string;
      seed: { users: number; tasks: number; entries: number; seconds: number };
      scenarios: {
        name: string;
        failed: boolean;
        ratio: number;
        devtrackr: Stats;
        ceiling: Stats;
      }[];
      probes: { name: string; runs: number; p50Ms: number; statuses: Record<string, number> }[];
      targets: { issue: number; label: string; target: string; value: string; pass: unknown }[];
    };
    expect(report.version).toBe(1);
    expect(report.mode).toBe('smoke');
    expect(report.commit).toMatch(/^([0-9a-f]{7,}|unknown)$/);
    // The smoke sizes: 4 typical users + the heavy user; 4 × 20 + 300 tasks; 4 × 10 + 600 entries.
    expect(report.seed).toMatchObject({ users: 5, tasks: 380, entries: 640 });

    expect(report.scenarios.map((s) => s.name)).toEqual(SCENARIOS);
    for (const s of report.scenarios) {
      for (const side of [s.devtrackr, s.ceiling]) {
        expect(side.requests, s.name).toBeGreaterThan(0);
        expect(side.errors, `${s.name}: ${JSON.stringify(side)}`).toBe(0);
        expect(Number.isFinite(side.rps) && Number.isFinite(side.latencyMs.p99), s.name).toBe(true);
        expect(side.peakRssMiB, s.name).toBeGreaterThan(0);
      }
      expect(s.failed, s.name).toBe(false);
      expect(Number.isFinite(s.ratio), s.name).toBe(true);
    }

    expect(report.probes.map((p) => p.name)).toEqual(PROBES);
    for (const p of report.probes) {
      expect(p.statuses, p.name).toEqual({ 200: 3 });
      expect(Number.isFinite(p.p50Ms), p.name).toBe(true);
    }

    expect(report.targets.length).toBeGreaterThan(0);
    for (const t of report.targets) {
      expect([true, false, null]).toContain(t.pass);
      expect(t.label.length * t.value.length * t.target.length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(outDir, 'latest.md'), 'utf8')).toContain('| GET /tasks/{id} |');
  }, 420_000);
});
