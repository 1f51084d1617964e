import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { CliIo } from '../../src/io.js';
import { main } from '../../src/main.js';
import { freePort } from './ports.js';

export const CLI_DIR = resolve(fileURLToPath(import.meta.url), '../../..');
export const BIN = join(CLI_DIR, 'dist/bin.js');

export interface RunOptions {
  /** Added to the run's environment (a value of undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** What stdin gives (e.g. "email\npassword\n"); empty by default. */
  stdin?: string;
  /** Working directory (default: the run's HOME, outside any Git repository). */
  cwd?: string;
  /** HOME to use (XDG_CONFIG_HOME is HOME/.config); default: a fresh one per run. */
  home?: string;
  /** The clock, for runCli only (runBin's is the real one). */
  now?: () => Date;
  /** Pretend stdout is a terminal (runCli only), to test colour. */
  tty?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws with the output when it is not). */
  // The caller names the shape it expects, as with JSON.parse; nothing checks it at run time.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json<T = unknown>(): T;
}

/** A fresh empty folder under the suite's temporary root (removed after the run). */
export function tempDir(prefix = 'dir-'): string {
  return mkdtempSync(join(inject('tmpRoot'), prefix));
}

/** A fresh HOME for a test; pass it as `home` to runs that must share config. */
export function tempHome(): string {
  return tempDir('home-');
}

/**
 * The environment of a run: nothing from the developer's own (no DEVTRACKR_TOKEN, NO_COLOR or
 * real HOME leaks in) except PATH, for git, and TZ/LANG, so dates read the same as the shell's.
 */
function runEnv(home: string, extra: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
  };
  for (const key of ['TZ', 'LANG', 'SystemRoot'] as const) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  const merged = { ...env, ...extra };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

function result(code: number, stdout: string, stderr: string): RunResult {
  return {
    code,
    stdout,
    stderr,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
    json<T>(): T {
      try {
        return JSON.parse(stdout) as T;
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

/** A stdout/stderr that keeps what is written. */
export class Collect extends Writable {
  text = '';
  isTTY?: boolean;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** A CliIo over strings, for main() or for building the program in a test. */
export function fakeIo(options: RunOptions = {}): { io: CliIo; stdout: Collect; stderr: Collect } {
  const home = options.home ?? tempHome();
  const stdout = new Collect();
  const stderr = new Collect();
  if (options.tty === true) stdout.isTTY = true;
  const io: CliIo = {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    env: runEnv(home, options.env),
    cwd: options.cwd ?? home,
    now: options.now ?? (() => new Date()),
  };
  return { io, stdout, stderr };
}

/** Runs the CLI in this process through main() with fake I/O (fast, counted by coverage). */
export async function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { io, stdout, stderr } = fakeIo(options);
  const code = await main(args, io);
  return result(code, stdout.text, stderr.text);
}

/** Runs the built CLI (dist/bin.js) as a real subprocess, as a user's shell would. */
export async function runBin(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const home = options.home ?? tempHome();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? home,
    env: runEnv(home, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const input = new PassThrough();
  input.pipe(child.stdin);
  input.end(options.stdin ?? '');
  const code = await new Promise<number>((done, fail) => {
    child.once('error', fail);
    child.once('close', (exit, signal) => {
      done(exit ?? (signal === null ? 1 : 128));
    });
  });
  return result(code, stdout, stderr);
}

/** The URL of a port nobody listens on (fetch refuses some low ports outright, like 9). */
export async function deadUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
