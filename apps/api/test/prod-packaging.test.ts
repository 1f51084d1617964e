import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { TEST_JWT_SECRET } from './helpers/config.js';
import {
  copyArgs,
  envPairs,
  isIgnored,
  parseDockerfile,
  stages,
  type Stage,
} from './helpers/dockerfile.js';

// The API package, and the repository root that is the image's build context (npm workspaces).
const ROOT = join(import.meta.dirname, '..');
const REPO = join(ROOT, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const readRepo = (file: string) => readFileSync(join(REPO, file), 'utf8');

const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const dockerfile = parseDockerfile(readRepo('Dockerfile'));
const [buildStage, runtime] = stages(dockerfile) as [Stage, Stage];
const ignorePatterns = readRepo('.dockerignore').split('\n');
const runtimeOf = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);

interface Compose {
  name?: string;
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: { test: string[] | string };
      ports?: string[];
    }
  >;
}

describe('Dockerfile', () => {
  it('is two stages on node:20-slim: build then runtime', () => {
    expect(stages(dockerfile).map((s) => s.from)).toEqual(['node:20-slim', 'node:20-slim']);
    expect(buildStage.name).toBe('build');
    const buildRuns = buildStage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(buildRuns.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(buildRuns.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  it('installs production dependencies only in the runtime stage', () => {
    const installs = runtimeOf('RUN').filter((i) => /\bnpm (ci|install)\b/.test(i.args));
    expect(installs).toHaveLength(1);
    expect(installs[0]?.args).toMatch(/\bnpm ci\b.*--omit=dev/);
    // The runtime takes only the API's dist/, that of the package it loads (@devtrackr/sessions)
    // and the web app's (static files) from the build stage, not its node_modules (dev deps).
    const fromBuild = runtimeOf('COPY').filter((i) => copyArgs(i).flags.includes('--from=build'));
    expect(fromBuild.map((i) => copyArgs(i).sources)).toEqual([
      ['/app/apps/api/dist'],
      ['/app/packages/sessions/dist'],
      ['/app/apps/web/dist'],
    ]);
    // Only the API workspace is installed: no web app, CLI or SDK dependencies in the image.
    expect(installs[0]?.args).toMatch(/-w @devtrackr\/api\b/);
  });

  it('every file COPY’d from the context exists and is not excluded by .dockerignore', () => {
    const sources = dockerfile
      .filter((i) => i.keyword === 'COPY' && !copyArgs(i).flags.some((f) => f.startsWith('--from')))
      .flatMap((i) => copyArgs(i).sources);
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(existsSync(join(REPO, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source, ignorePatterns), `${source} is in the build context`).toBe(false);
    }
    // The build script's own inputs are in the context too.
    expect(sources).toEqual(
      expect.arrayContaining([
        'apps/api/src',
        'apps/api/scripts',
        'apps/api/tsconfig.build.json',
        'tsconfig.base.json',
      ]),
    );
  });

  it('keeps secrets and local state out of the build context', () => {
    for (const path of [
      '.env',
      'node_modules',
      'apps/api/.env',
      'apps/api/node_modules',
      'apps/api/data',
      'apps/api/dist',
      'apps/web/node_modules',
      'apps/web/dist',
      'apps/web/e2e',
      'packages/client/node_modules',
      'packages/client/dist',
      'packages/client/test',
      '.git',
    ]) {
      expect(isIgnored(path, ignorePatterns), path).toBe(true);
    }
  });

  it('builds the web app into the image, served from where the API looks for it', () => {
    const buildRuns = buildStage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(buildRuns.some((r) => /\bnpm ci\b.*-w @devtrackr\/web\b/.test(r))).toBe(true);
    expect(buildRuns.some((r) => /\bnpm run build -w @devtrackr\/web\b/.test(r))).toBe(true);
    const at = runtime.instructions.findIndex(
      (i) => i.keyword === 'COPY' && copyArgs(i).sources[0] === '/app/apps/web/dist',
    );
    expect(at).toBeGreaterThan(-1);
    const workdirs = runtime.instructions.filter((i) => i.keyword === 'WORKDIR');
    const workdirBefore = (index: number) =>
      runtime.instructions
        .slice(0, index)
        .filter((i) => i.keyword === 'WORKDIR')
        .at(-1)?.args;
    const copied = join(workdirBefore(at) ?? '/', copyArgs(runtime.instructions[at]!).dest);
    // WEB_DIST_DIR's default: apps/web/dist beside the API package (config.ts), where the
    // server runs from.
    expect(copied).toBe(join(workdirs.at(-1)?.args ?? '', '../web/dist'));
  });

  it('runs as a non-root user with HOST=0.0.0.0 and NODE_ENV=production', () => {
    const users = runtimeOf('USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
    const env = Object.assign({}, ...runtimeOf('ENV').map(envPairs)) as Record<string, string>;
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
  });

  it('checks its health on /health with node (the slim image has no curl)', () => {
    const checks = runtimeOf('HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const args = checks[0]?.args ?? '';
    expect(args).toMatch(/\/health\b/);
    expect(args).not.toMatch(/\b(curl|wget)\b/);
    expect(healthcheckCommand()[0]).toBe('node');
  });

  it('starts with the same command as `npm run start:prod`, the compiled server (not tsx)', () => {
    const cmds = runtimeOf('CMD');
    expect(cmds).toHaveLength(1);
    expect(cmds[0]?.exec?.join(' ')).toBe(pkg.scripts['start:prod']);
    expect(pkg.scripts['start:prod']).not.toMatch(/\btsx\b/);
    // tsconfig.build.json compiles src/server.ts (rootDir ".") to dist/src/server.js.
    const tsconfig = JSON.parse(read('tsconfig.build.json')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    const compiled = join(
      tsconfig.compilerOptions.outDir,
      relative(tsconfig.compilerOptions.rootDir, 'src/server.ts').replace(/\.ts$/, '.js'),
    );
    expect(cmds[0]?.exec?.at(-1)).toBe(compiled);
  });

  it('the README names the same production start command', () => {
    expect(readRepo('README.md')).toContain('npm run start:prod');
  });
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(readRepo('docker-compose.yml')) as Compose;

  it('parses, with PostgreSQL 16 (health-checked) and DevTrackr built from this Dockerfile', () => {
    const pg = compose.services.postgres;
    const app = compose.services.devtrackr;
    expect(pg?.image).toBe('postgres:16');
    expect(JSON.stringify(pg?.healthcheck?.test)).toContain('pg_isready');
    expect(app?.build).toBe('.');
    expect(app?.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('points DevTrackr at that PostgreSQL, requires JWT_SECRET and runs in production mode', () => {
    const env = compose.services.devtrackr?.environment ?? {};
    const pgEnv = compose.services.postgres?.environment ?? {};
    const url = new URL(
      (env.DATABASE_URL ?? '').replace(/\$\{POSTGRES_PASSWORD:-([^}]*)\}/g, '$1'),
    );
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(pgEnv.POSTGRES_USER);
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB ?? ''}`);
    // `${VAR:?message}` makes compose refuse to start without it.
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.MIGRATE_ON_START).toBe('true');
    expect(compose.services.devtrackr?.ports).toContain(`8000:${env.PORT ?? ''}`);
  });
});

function healthcheckCommand(): string[] {
  const args = runtimeOf('HEALTHCHECK')[0]?.args ?? '';
  const json = args.slice(args.indexOf('CMD') + 3).trim();
  return JSON.parse(json) as string[];
}

function run(
  argv: string[],
  options: { cwd: string; env: Record<string, string> },
): { done: Promise<number | null>; output: () => string; kill: (s: NodeJS.Signals) => void } {
  const [command = '', ...args] = argv;
  const child = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return {
    done: once(child, 'exit').then(([code]) => code as number | null),
    output: () => output,
    kill: (signal) => child.kill(signal),
  };
}

describe('the image layout runs the compiled server (no Docker engine needed)', () => {
  // The image is /app/package.json + /app/dist + production node_modules. Rebuild that layout under
  // node_modules/.cache (so packages resolve from this checkout), compiling src/ with esbuild in
  // tsc's layout (tsc itself takes a minute on these machines) and copying the migrations.
  let appDir = '';

  beforeAll(async () => {
    const cache = join(REPO, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    appDir = mkdtempSync(join(cache, 'devtrackr-image-'));
    cpSync(join(ROOT, 'package.json'), join(appDir, 'package.json'));
    const entryPoints = listTs(join(ROOT, 'src'));
    await build({
      entryPoints,
      outbase: ROOT,
      outdir: join(appDir, 'dist'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    cpSync(join(ROOT, 'src/db/migrations'), join(appDir, 'dist/src/db/migrations'), {
      recursive: true,
    });
  });
  afterAll(() => {
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  it('CMD starts, migrates, answers /health, the HEALTHCHECK passes, and SIGTERM exits 0', async () => {
    const cmd = runtimeOf('CMD')[0]?.exec ?? [];
    const server = run(cmd, {
      cwd: appDir,
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        METRICS_TOKEN: 'a-metrics-token-for-tests',
        PORT: '0',
        LOG_LEVEL: 'info',
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-image-')),
      },
    });
    const state = { exited: false };
    void server.done.then(() => (state.exited = true));
    try {
      let port: number | undefined;
      for (let i = 0; i < 600 && port === undefined && !state.exited; i++) {
        const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.output());
        if (m) port = Number(m[1]);
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(port, server.output()).toBeDefined();
      expect(server.output()).toContain('migrations applied');
      const health = await fetch(`http://127.0.0.1:${port ?? 0}/health`);
      expect(health.status).toBe(200);

      const check = run(healthcheckCommand(), { cwd: appDir, env: { PORT: String(port) } });
      expect(await check.done).toBe(0);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await server.done).toBe(0);
    // With the server gone, the same health check fails.
    const failing = run(healthcheckCommand(), { cwd: appDir, env: { PORT: '9' } });
    expect(await failing.done).toBe(1);
  }, 120_000);
});

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}
