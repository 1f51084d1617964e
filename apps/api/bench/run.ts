/**
 * `npm run bench`: DevTrackr against a bare ceiling server, on a freshly seeded PostgreSQL
 * database, under autocannon. See bench/README.md.
 *
 *   npm run bench                   full run (1,000 users × 1,000 tasks + a heavy user), ~20 min
 *   npm run bench -- --quick        small seed, 2 s per scenario and server, < 2 min
 *   npm run bench -- --smoke        tiny seed, 1 s per scenario, 2 connections (CI)
 *
 * Options: --out-dir=DIR (default bench/results), --keep (keep the database), --only=a,b
 * (scenario names; `probes` for the sequential latency figures), --profile (both servers are
 * CPU-profiled during each measured window; the top frames by module and by function are printed
 * and kept in the JSON, the .cpuprofile files in the log directory), --no-build, --connections=N,
 * --duration=S (measured seconds per server), --rounds=N (alternating slices they are split in),
 * --devtrackr-root=DIR (run DevTrackr from DIR/dist, to compare a candidate build against the same
 * ceiling) and --devtrackr-env=KEY=VALUE (repeatable; extra environment for DevTrackr). Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { LatencyJob, LoadJob, LoadResult, WorkerMessage } from './load.js';
import { createBenchDatabase, dropBenchDatabase, serverVersion } from './lib/database.js';
import { buildFixture, verifyCursors } from './lib/fixture.js';
import { MODES, type RunMode } from './lib/modes.js';
import { formatProfile, summariseProfile, type ProfileSummary } from './lib/profile.js';
import {
  evaluateTargets,
  markdown,
  quantile,
  targetsText,
  textTable,
  type BenchReport,
  type ProbeResult,
  type ScenarioResult,
  type ServerStats,
} from './lib/report.js';
import { latencyProbes, scenarioList, type Scenario } from './lib/scenarios.js';
import { seedDatabase } from './lib/seed.js';
import { seedTeam, teamProbes, teamSizes } from './lib/team.js';
import {
  clearUsage,
  sampleUsage,
  startCeilingProcess,
  startDevtrackr,
  type ServerProcess,
  type UsageSummary,
} from './lib/servers.js';
import { loginAll } from './lib/tokens.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    'devtrackr-root': { type: 'string' },
    'devtrackr-env': { type: 'string', multiple: true },
  },
});

function runMode(): RunMode {
  const base = opts.smoke ? MODES.smoke : opts.quick ? MODES.quick : MODES.full;
  return {
    ...base,
    ...(opts.connections ? { connections: Number(opts.connections) } : {}),
    ...(opts.duration ? { durationSeconds: Number(opts.duration) } : {}),
    ...(opts.rounds ? { rounds: Number(opts.rounds) } : {}),
  };
}

function newestMtime(dir: string, accept: (file: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, accept));
    else if (accept(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds when dist is missing or older than any source it is compiled from. */
function ensureBuild(): void {
  const outputs = ['dist/src/server.js', 'dist/bench/ceiling/server.js'].map((f) => join(ROOT, f));
  const built = outputs.every((f) => existsSync(f))
    ? Math.min(...outputs.map((f) => statSync(f).mtimeMs))
    : 0;
  const source = Math.max(
    newestMtime(join(ROOT, 'src'), (f) => !f.endsWith('.test.ts')),
    newestMtime(join(ROOT, 'bench/ceiling'), () => true),
  );
  if (built >= source) return;
  if (opts['no-build']) {
    log('warning: dist is older than the sources (--no-build given, using it anyway)');
    return;
  }
  log('building (npm run build): dist is missing or older than the sources');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function gitInfo(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString();
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

/** One job at a time on the load worker, with its messages. */
class LoadWorker {
  private readonly child: ChildProcess;
  private handler: ((m: WorkerMessage) => void) | undefined;

  constructor() {
    this.child = fork(join(ROOT, 'bench/load.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: WorkerMessage) => this.handler?.(m));
    this.child.on('exit', (code) => {
      this.handler?.({ type: 'error', message: `load worker exited with ${code}` });
    });
  }

  load(
    job: LoadJob,
    server: ServerProcess,
    settle: (p99Ms: number) => Promise<void>,
    profile: boolean,
  ): Promise<SliceStats> {
    return new Promise((resolvePromise, reject) => {
      let sampler: ReturnType<typeof sampleUsage> | undefined;
      this.handler = (m) => {
        if (m.type === 'warmed') {
          settle(m.p99Ms).then(
            () => {
              this.child.send({ type: 'go' });
            },
            (err: unknown) => {
              reject(err instanceof Error ? err : new Error(String(err)));
            },
          );
        } else if (m.type === 'measuring') {
          sampler = sampleUsage(server.pid);
          if (profile) server.profiler?.start();
        } else if (m.type === 'result') {
          const result: LoadResult = m.result;
          const finish = async (): Promise<SliceStats> => {
            const usage = (await sampler?.stop()) ?? {
              peakRssMiB: 0,
              cpuMeanPct: 0,
              cpuPeakPct: 0,
            };
            const profileFile = profile ? await server.profiler?.stop() : undefined;
            return {
              ...result,
              ...usage,
              ...(profileFile ? { profile: summariseProfile(profileFile, 15) } : {}),
            };
          };
          finish().then(resolvePromise, reject);
        } else if (m.type === 'error') {
          void sampler?.stop();
          reject(new Error(m.message));
        }
      };
      this.child.send(job);
    });
  }

  latency(job: LatencyJob): Promise<{ samplesMs: number[]; statuses: Record<string, number> }> {
    return new Promise((resolvePromise, reject) => {
      this.handler = (m) => {
        if (m.type === 'latency') resolvePromise(m);
        else if (m.type === 'error') reject(new Error(m.message));
      };
      this.child.send(job);
    });
  }

  close(): void {
    this.handler = undefined;
    this.child.removeAllListeners('exit');
    if (this.child.connected) this.child.send({ type: 'exit' });
  }
}

/**
 * Waits until a server has worked through the requests still in flight when autocannon hung up
 * (about twice the last p99, from 0.2 s up to the mode's settleMaxMs) and no session of the run's database is
 * busy, so one run's tail never lands in the next run's window.
 */
async function settle(admin: pg.Client, p99Ms: number, maxMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.min(maxMs, Math.max(200, 2 * p99Ms))));
  const deadline = Date.now() + 15_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const r = await admin.query<{ busy: number }>(
      `select count(*)::int as busy from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
    );
    quiet = r.rows[0]?.busy === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function resetTimers(admin: pg.Client, users: number[]): Promise<void> {
  // A running entry holds no seconds yet, so removing it leaves actual_minutes right.
  await admin.query('delete from time_entries where ended_at is null and user_id = any($1)', [
    users,
  ]);
}

type SliceStats = LoadResult & UsageSummary & { profile?: ProfileSummary };

/** One server's figures over all its slices of a scenario. */
function merge(slices: SliceStats[]): ServerStats {
  const samples = slices.flatMap((x) => x.samplesMs).sort((a, b) => a - b);
  const sum = (f: (x: SliceStats) => number) => slices.reduce((a, x) => a + f(x), 0);
  const requests = sum((x) => x.requests);
  const durationSeconds = sum((x) => x.durationSeconds);
  const statusCodes: Record<string, number> = {};
  for (const x of slices) {
    for (const [code, n] of Object.entries(x.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
    }
  }
  const non2xx = sum((x) => x.non2xx);
  const socketErrors = sum((x) => x.socketErrors);
  const timeouts = sum((x) => x.timeouts);
  const profile = slices.find((x) => x.profile)?.profile;
  return {
    slices: slices.length,
    requests,
    durationSeconds,
    rps: durationSeconds > 0 ? requests / durationSeconds : 0,
    latencyMs: {
      p50: quantile(samples, 0.5),
      p90: quantile(samples, 0.9),
      p99: quantile(samples, 0.99),
      max: samples[samples.length - 1] ?? NaN,
      mean: samples.length > 0 ? samples.reduce((a, b) => a + b, 0) / samples.length : NaN,
    },
    non2xx,
    socketErrors,
    timeouts,
    errors: non2xx + socketErrors + timeouts,
    statusCodes,
    peakRssMiB: Math.max(...slices.map((x) => x.peakRssMiB)),
    cpuMeanPct:
      durationSeconds > 0 ? sum((x) => x.cpuMeanPct * x.durationSeconds) / durationSeconds : 0,
    cpuPeakPct: Math.max(...slices.map((x) => x.cpuPeakPct)),
    ...(profile ? { profile } : {}),
  };
}

async function runScenario(
  s: Scenario,
  mode: RunMode,
  admin: pg.Client,
  worker: LoadWorker,
  servers: [ServerProcess, ServerProcess],
): Promise<ScenarioResult> {
  const slices: Record<ServerProcess['name'], SliceStats[]> = { devtrackr: [], ceiling: [] };
  const load0 = loadavg()[0] ?? 0;
  // Alternating slices (DevTrackr, ceiling, DevTrackr, ...) so that a change in the machine's
  // load during the scenario weighs on both servers alike.
  for (let round = 0; round < mode.rounds; round++) {
    for (const server of servers) {
      if (s.resetTimersOf) await resetTimers(admin, s.resetTimersOf);
      const slice = await worker.load(
        {
          type: 'load',
          url: server.base,
          connections: s.connections,
          durationSeconds: mode.durationSeconds / mode.rounds,
          warmupSeconds: round === 0 ? mode.warmupSeconds : 0,
          mode: s.mode,
          sequences: s.sequences,
        },
        server,
        // Requests cut off by the end of the warm-up may leave timers running: clear them again.
        async (p99) => {
          await settle(admin, p99, mode.settleMaxMs);
          if (s.resetTimersOf) await resetTimers(admin, s.resetTimersOf);
        },
        round === 0,
      );
      slices[server.name].push(slice);
      clearUsage();
      await settle(admin, quantile(slice.samplesMs, 0.99), mode.settleMaxMs);
    }
  }
  const devtrackr = merge(slices.devtrackr);
  const ceiling = merge(slices.ceiling);
  return {
    name: s.name,
    title: s.title,
    connections: s.connections,
    ...(s.note ? { note: s.note } : {}),
    ratioTarget: s.ratioTarget,
    devtrackr,
    ceiling,
    ratio: ceiling.rps > 0 ? devtrackr.rps / ceiling.rps : NaN,
    failed: devtrackr.errors > 0 || ceiling.errors > 0 || devtrackr.requests === 0,
    loadAverage: ((loadavg()[0] ?? 0) + load0) / 2,
  };
}

function describe(r: ScenarioResult): string {
  const d = r.devtrackr;
  const c = r.ceiling;
  const codes = (x: ServerStats) =>
    x.errors > 0
      ? ` status ${JSON.stringify(x.statusCodes)} sock ${x.socketErrors} to ${x.timeouts}`
      : '';
  return (
    `  ${r.name.padEnd(22)} devtrackr ${d.rps.toFixed(0).padStart(6)} req/s p50 ${d.latencyMs.p50.toFixed(1)} p99 ${d.latencyMs.p99.toFixed(1)} err ${d.errors}${codes(d)} | ` +
    `ceiling ${c.rps.toFixed(0).padStart(6)} req/s p50 ${c.latencyMs.p50.toFixed(1)} p99 ${c.latencyMs.p99.toFixed(1)} err ${c.errors}${codes(c)} | ` +
    `${(r.ratio * 100).toFixed(0)} %`
  );
}

async function main(): Promise<number> {
  const mode = runMode();
  const only = opts.only?.split(',').map((s) => s.trim());
  const outDir = resolve(opts['out-dir'] ?? join(ROOT, 'bench/results'));
  const startedAt = new Date();
  const git = gitInfo();
  const loadAverageStart = loadavg();
  log(
    `DevTrackr benchmark, ${mode.name} mode, commit ${git.commit}${git.dirty ? ' (dirty)' : ''}; ` +
      `load average ${loadAverageStart.map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} CPUs`,
  );
  const buildStart = Date.now();
  ensureBuild();
  const buildMs = Date.now() - buildStart;

  const name = `devtrackr_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = await createBenchDatabase(name);
  log(`database ${name} created and migrated`);
  const logDir = mkdtempSync(join(tmpdir(), 'devtrackr-bench-'));
  const servers: ServerProcess[] = [];
  let worker: LoadWorker | undefined;
  let admin: pg.Client | undefined;
  try {
    log(
      `seeding (${mode.sizes.users} users × ${mode.sizes.tasksPerUser} tasks, heavy user ${mode.sizes.heavyTasks} tasks / ${mode.sizes.heavyEntries} entries)`,
    );
    const seed = await seedDatabase(url, mode.sizes, log);
    log(
      `seeded ${seed.users} users, ${seed.tasks} tasks, ${seed.entries} entries in ${seed.seconds.toFixed(1)} s`,
    );

    const jwtSecret = randomBytes(32).toString('hex');
    const settings = {
      root: ROOT,
      databaseUrl: url,
      jwtSecret,
      poolMax: mode.poolMax,
      logDir,
      ...(opts.profile ? { profileDir: join(logDir, 'profiles') } : {}),
      ...(opts['devtrackr-root'] ? { devtrackrRoot: resolve(opts['devtrackr-root']) } : {}),
      ...(mode.tolerateStalls ? { connectTimeoutMs: 10_000 } : {}),
      devtrackrEnv: Object.fromEntries([
        ...(mode.tolerateStalls ? [['PRESSURE_MAX_EVENT_LOOP_DELAY_MS', '0']] : []),
        ...(opts['devtrackr-env'] ?? []).map((kv) => [
          kv.slice(0, kv.indexOf('=')),
          kv.slice(kv.indexOf('=') + 1),
        ]),
      ]),
    };
    const devtrackr = await startDevtrackr(settings);
    servers.push(devtrackr);
    const ceiling = await startCeilingProcess(settings);
    servers.push(ceiling);
    log(
      `servers: DevTrackr ${devtrackr.base} (pid ${devtrackr.pid}), ceiling ${ceiling.base} (pid ${ceiling.pid}); logs in ${logDir}`,
    );

    const tokens = await loginAll(devtrackr.base, url, mode.sizes, log);
    const fixture = await buildFixture(url, mode.sizes, tokens, jwtSecret);
    await verifyCursors(devtrackr.base, fixture, jwtSecret);
    const teamOwner = tokens.users[0];
    if (!teamOwner) throw new Error('no logged-in user to own the team workspace');
    const team = await seedTeam(url, teamOwner, teamSizes(mode.name, mode.sizes.users), log);

    admin = new pg.Client({ connectionString: url, application_name: 'devtrackr-bench' });
    await admin.connect();
    worker = new LoadWorker();
    const scenarios = scenarioList(fixture, mode).filter((s) => !only || only.includes(s.name));
    const results: ScenarioResult[] = [];
    log(`running ${scenarios.length} scenarios (DevTrackr, then the ceiling, for each)`);
    for (const s of scenarios) {
      const r = await runScenario(s, mode, admin, worker, [devtrackr, ceiling]);
      results.push(r);
      log(describe(r));
      for (const side of ['devtrackr', 'ceiling'] as const) {
        const p = r[side].profile;
        if (p) log(`  ${side} ${formatProfile(p)}`);
      }
    }

    const probes: ProbeResult[] = [];
    if (!only || only.includes('probes')) {
      log(`sequential latency, ${mode.latencyRuns} runs each (DevTrackr, heavy user and team)`);
      for (const p of [...latencyProbes(fixture), ...teamProbes(team)]) {
        const { samplesMs, statuses } = await worker.latency({
          type: 'latency',
          url: devtrackr.base,
          requests: p.requests,
          runs: mode.latencyRuns,
          warmup: 2,
        });
        const result: ProbeResult = {
          name: p.name,
          title: p.title,
          runs: samplesMs.length,
          p50Ms: quantile(samplesMs, 0.5),
          p90Ms: quantile(samplesMs, 0.9),
          minMs: Math.min(...samplesMs),
          maxMs: Math.max(...samplesMs),
          statuses,
        };
        probes.push(result);
        log(
          `  ${p.title.padEnd(48)} p50 ${result.p50Ms.toFixed(1)} ms  statuses ${JSON.stringify(statuses)}`,
        );
      }
    }
    worker.close();
    worker = undefined;
    for (const server of servers.splice(0)) await server.stop();

    const targets = evaluateTargets(results, probes, mode.connections);
    const report: BenchReport = {
      version: 1,
      mode: mode.name,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: git.commit,
      dirty: git.dirty,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryMiB: Math.round(totalmem() / 1024 / 1024),
        node: process.versions.node,
        postgres: await serverVersion(),
        loadAverageStart,
        loadAverageEnd: loadavg(),
      },
      settings: {
        connections: mode.connections,
        loginConnections: mode.loginConnections,
        durationSeconds: mode.durationSeconds,
        rounds: mode.rounds,
        warmupSeconds: mode.warmupSeconds,
        poolMax: mode.poolMax,
        latencyRuns: mode.latencyRuns,
      },
      seed,
      scenarios: results,
      probes,
      targets,
    };

    log('');
    log(textTable(results));
    log('');
    log('Targets:');
    log(targetsText(targets));
    mkdirSync(outDir, { recursive: true });
    const day = startedAt.toISOString().slice(0, 10);
    const suffix = `${git.dirty ? '-dirty' : ''}${mode.name === 'full' ? '' : `-${mode.name}`}`;
    const jsonFile = join(outDir, `${day}-${git.commit}${suffix}.json`);
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    log(`\nwrote ${jsonFile}`);
    // latest.md holds the figures of the last full run (or of any run sent to its own directory).
    if (mode.name === 'full' || opts['out-dir'] !== undefined) {
      const md = join(outDir, 'latest.md');
      writeFileSync(md, markdown(report));
      log(`wrote ${md}`);
    }
    log(
      `finished in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s` +
        (buildMs > 1000 ? ` (${(buildMs / 1000).toFixed(0)} s of it building)` : ''),
    );
    const failed = results.filter((r) => r.failed);
    if (failed.length > 0)
      log(`failed scenarios (errors): ${failed.map((r) => r.name).join(', ')}`);
    // Server logs (and profiles) are kept when something needs looking at.
    if (failed.length === 0 && !opts.profile) rmSync(logDir, { recursive: true, force: true });
    else log(`server logs${opts.profile ? ' and CPU profiles' : ''}: ${logDir}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await admin?.end().catch(() => undefined);
    worker?.close();
    for (const server of servers) await server.stop().catch(() => undefined);
    if (opts.keep) log(`kept database ${name} (${url})`);
    else await dropBenchDatabase(name);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(2);
  },
);
