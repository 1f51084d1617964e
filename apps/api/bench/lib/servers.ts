import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pidusage from 'pidusage';

export interface ServerProcess {
  name: 'devtrackr' | 'ceiling';
  child: ChildProcess;
  pid: number;
  base: string;
  logFile: string;
  stop(): Promise<void>;
  /** Set with --profile: CPU-profiles the server between start() and stop(). */
  profiler?: { start(): void; stop(): Promise<string> };
}

export interface ServerSettings {
  root: string;
  databaseUrl: string;
  jwtSecret: string;
  poolMax: number;
  logDir: string;
  /** When set, both servers preload cpu-profile-hook.mjs and profile on demand into it. */
  profileDir?: string;
  /** Pool checkout/connect timeout of both servers (DB_CONNECT_TIMEOUT_MS); default 2000. */
  connectTimeoutMs?: number;
  /** Run DevTrackr from another checkout's build (a candidate change), with extra variables. */
  devtrackrRoot?: string;
  devtrackrEnv?: Record<string, string>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

async function waitHealthy(base: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode} before it was ready; see ${logFile}`);
    }
    try {
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${base} was not ready within 60 s; see ${logFile}`);
}

async function launch(
  name: ServerProcess['name'],
  args: string[],
  env: Record<string, string>,
  port: number,
  settings: ServerSettings,
): Promise<ServerProcess> {
  const logFile = join(settings.logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const profileDir = settings.profileDir ? join(settings.profileDir, name) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const hook = join(settings.root, 'bench/lib/cpu-profile-hook.mjs');
  // Output goes to a file: an undrained pipe would block a busy server.
  const child = spawn(process.execPath, [...(profileDir ? ['--import', hook] : []), ...args], {
    cwd: name === 'devtrackr' ? (settings.devtrackrRoot ?? settings.root) : settings.root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...env,
      ...(profileDir ? { BENCH_CPU_PROFILE_DIR: profileDir } : {}),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  await waitHealthy(base, child, logFile);
  let profiles = 0;
  return {
    name,
    child,
    pid: child.pid ?? 0,
    base,
    logFile,
    ...(profileDir
      ? {
          profiler: {
            start: () => void child.kill('SIGUSR2'),
            async stop() {
              child.kill('SIGUSR2');
              const file = join(profileDir, `profile-${profiles++}.cpuprofile`);
              const deadline = Date.now() + 30_000;
              while (!existsSync(file)) {
                if (Date.now() > deadline) throw new Error(`no CPU profile from ${name}`);
                await new Promise((r) => setTimeout(r, 100));
              }
              return file;
            },
          },
        }
      : {}),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * DevTrackr as production runs it: the compiled build, NODE_ENV=production, logs at warn, no
 * migration on start. The credential throttles and the global rate limit are off (one client
 * machine sends every request), and access tokens live 2 h so a full run never outlives them.
 */
/**
 * The node flags of `npm run start:prod` (package.json), so that the benchmark runs production's
 * exact command (the heap cap among them), not a variant of it.
 */
export function productionNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...rest] = (pkg.scripts['start:prod'] ?? '').trim().split(/\s+/);
  if (node !== 'node' || rest.at(-1) !== 'dist/src/server.js') {
    throw new Error('start:prod is expected to be `node [flags] dist/src/server.js`');
  }
  return rest.slice(0, -1);
}

export async function startDevtrackr(settings: ServerSettings): Promise<ServerProcess> {
  const port = await freePort();
  const root = settings.devtrackrRoot ?? settings.root;
  return launch(
    'devtrackr',
    [...productionNodeFlags(root), join(root, 'dist/src/server.js')],
    {
      NODE_ENV: 'production',
      METRICS_PUBLIC: 'true',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: settings.databaseUrl,
      DATA_DIR: settings.logDir,
      JWT_SECRET: settings.jwtSecret,
      MIGRATE_ON_START: 'false',
      DB_POOL_MAX: String(settings.poolMax),
      DB_CONNECT_TIMEOUT_MS: String(settings.connectTimeoutMs ?? 2000),
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_GLOBAL_MAX: '10000000',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      ...settings.devtrackrEnv,
    },
    port,
    settings,
  );
}

/** The ceiling server (bench/ceiling), from the same build, with the same pool size. */
export async function startCeilingProcess(settings: ServerSettings): Promise<ServerProcess> {
  const port = await freePort();
  return launch(
    'ceiling',
    [join(settings.root, 'dist/bench/ceiling/server.js')],
    {
      NODE_ENV: 'production',
      METRICS_PUBLIC: 'true',
      PORT: String(port),
      DATABASE_URL: settings.databaseUrl,
      JWT_SECRET: settings.jwtSecret,
      DB_POOL_MAX: String(settings.poolMax),
      DB_CONNECT_TIMEOUT_MS: String(settings.connectTimeoutMs ?? 2000),
    },
    port,
    settings,
  );
}

export interface UsageSummary {
  peakRssMiB: number;
  /** Mean CPU over the window, in % of one core (100 = one core fully busy). */
  cpuMeanPct: number;
  cpuPeakPct: number;
}

/** Samples a process's CPU and RSS with pidusage until stopped. */
export function sampleUsage(pid: number, intervalMs = 250): { stop(): Promise<UsageSummary> } {
  const rss: number[] = [];
  const cpu: number[] = [];
  const state = { running: true };
  const loop = (async () => {
    // The first reading only primes pidusage's CPU delta.
    await pidusage(pid).catch(() => undefined);
    for (;;) {
      await new Promise((r) => setTimeout(r, intervalMs));
      if (!state.running) break;
      const s = await pidusage(pid).catch(() => undefined);
      if (s) {
        rss.push(s.memory);
        cpu.push(s.cpu);
      }
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      // A short window on a loaded machine may end before the first reading (pidusage's first
      // call also runs getconf): take one now so RSS is never missing.
      if (rss.length === 0) {
        const s = await pidusage(pid).catch(() => undefined);
        if (s) {
          rss.push(s.memory);
          cpu.push(s.cpu);
        }
      }
      return {
        peakRssMiB: rss.length > 0 ? Math.max(...rss) / 1024 / 1024 : 0,
        cpuMeanPct: cpu.length > 0 ? cpu.reduce((a, b) => a + b, 0) / cpu.length : 0,
        cpuPeakPct: cpu.length > 0 ? Math.max(...cpu) : 0,
      };
    },
  };
}

export function clearUsage(): void {
  pidusage.clear();
}
