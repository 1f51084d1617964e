import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb on a free port, its socket in its own
 * directory), so fault tests can crash and restart a server without touching the shared one that
 * every other test uses. Root runs the binaries as the `postgres` user, as PostgreSQL requires.
 */
export interface Cluster {
  port: number;
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: a crash, as far as PostgreSQL is concerned (recovery on start). */
  crash(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) throw new Error(`no PostgreSQL binaries under ${root}`);
  return join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

const isRoot = () => process.getuid?.() === 0;
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function asPostgres(argv: string[], timeoutMs = 60_000): Promise<string> {
  const [command = '', ...args] = argv;
  const { stdout } = isRoot()
    ? await run('su', ['postgres', '-c', argv.map(shellQuote).join(' ')], { timeout: timeoutMs })
    : await run(command, args, { timeout: timeoutMs });
  return stdout;
}

export async function createCluster(): Promise<Cluster> {
  const bin = binDir();
  const base = mkdtempSync(join(tmpdir(), 'devtrackr-cluster-'));
  const dataDir = join(base, 'data');
  const socketDir = base;
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(base, Number(stdout.trim()), Number(gid.trim()));
  }
  chmodSync(base, 0o755);
  await asPostgres([
    join(bin, 'initdb'),
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const pgCtl = (...args: string[]) => asPostgres([join(bin, 'pg_ctl'), '-D', dataDir, ...args]);
  const cluster: Cluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    async start() {
      await pgCtl('-o', options, '-l', join(base, 'server.log'), '-w', '-t', '60', 'start');
    },
    async crash() {
      await pgCtl('-m', 'immediate', '-w', 'stop');
    },
    async destroy() {
      try {
        await pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
