import type { Command } from 'commander';
import { describe, expect, inject, it } from 'vitest';
import { buildProgram } from '../src/main.js';
import { Output } from '../src/output.js';
import { newAccount } from './helpers/account.js';
import { deadUrl, fakeIo, runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const STACK = /\n\s+at /;

/** Every command path of the real program ([] is the root). */
function commandPaths(): string[][] {
  const { io } = fakeIo();
  const { program } = buildProgram(io, new Output(io));
  const paths: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return paths;
}

describe('every command', () => {
  const paths = commandPaths();

  it('the tree holds the core commands and at least one per helper', () => {
    const names = paths.map((path) => path.join(' '));
    expect(names).toEqual(
      expect.arrayContaining(['login', 'logout', 'completion', 'status', 'git', 'git install']),
    );
  });

  it.each(paths.map((path) => [path.join(' ') || '(root)', path] as const))(
    '%s --help: usage, a description, the global options, exit 0',
    async (_name, path) => {
      const run = await runCli([...path, '--help']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`Usage: devtrackr${path.map((word) => ` ${word}`).join('')}`);
      expect(run.stdout).toContain('--json');
      // A description: a non-empty line between the usage and the options.
      const [, description] = run.stdout.split('\n\n');
      expect(description?.trim()).not.toBe('');
    },
  );
});

describe('usage errors', () => {
  it('an unknown command exits 2 with commander’s message', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('an unknown option exits 2 with commander’s message', async () => {
    const run = await runCli(['status', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--bogus'");
  });

  it('a missing argument exits 2', async () => {
    const run = await runCli(['show']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'id'");
  });

  it('no command prints the help to stderr and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: devtrackr');
  });
});

describe('not signed in', () => {
  it('exit 3 and a hint, without a token', async () => {
    const run = await runCli(['status'], { env: { DEVTRACKR_URL: apiUrl } });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('error: not signed in: run devtrackr login\n');
  });

  it('exit 3 when the API refuses the token (revoked)', async () => {
    const account = await newAccount(apiUrl);
    await account.client.DELETE('/auth/tokens/current');
    const run = await runCli(['status'], { env: account.env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('not signed in: run devtrackr login');
  });

  it('--json: the error as JSON on stderr, nothing on stdout', async () => {
    const run = await runCli(['status', '--json'], { env: { DEVTRACKR_URL: apiUrl } });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toEqual({
      code: 'not_signed_in',
      message: 'not signed in: run devtrackr login',
    });
  });
});

describe('API and network errors', () => {
  it('a problem prints title: detail (code), no stack; --json prints the problem', async () => {
    const account = await newAccount(apiUrl);
    const run = await runCli(['show', '2000000000'], { env: account.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Not found: .+ \(not_found\)\n$/);
    const json = await runCli(['show', '2000000000', '--json'], { env: account.env });
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('an unreachable server: "cannot reach <url>", exit 1, never a stack trace', async () => {
    const url = await deadUrl();
    const env = { DEVTRACKR_URL: url, DEVTRACKR_TOKEN: 'dtk_whatever' };
    const run = await runCli(['status'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach ${url}: .*ECONNREFUSED`));
    expect(run.stderr).not.toMatch(STACK);
    const json = await runCli(['status', '--json'], { env });
    expect(JSON.parse(json.stderr)).toMatchObject({ code: 'network_error' });
  });

  it('--url on the command line wins over DEVTRACKR_URL', async () => {
    const account = await newAccount(apiUrl);
    const url = await deadUrl();
    const run = await runCli(['status', '--url', url], { env: account.env });
    expect(run.stderr).toContain(`cannot reach ${url}`);
  });
});

describe('colour', () => {
  // The not-signed-in error is printed with a red "error:" when colour is on.
  const notSignedIn = (options: Parameters<typeof runCli>[1], args: string[] = []) =>
    runCli(['status', ...args], options);

  it('is on for a terminal', async () => {
    expect((await notSignedIn({ tty: true })).stderr).toMatch(ANSI);
  });

  it('is off when stdout is not a terminal', async () => {
    expect((await notSignedIn({})).stderr).not.toMatch(ANSI);
  });

  it('NO_COLOR turns it off, even on a terminal', async () => {
    expect((await notSignedIn({ tty: true, env: { NO_COLOR: '1' } })).stderr).not.toMatch(ANSI);
  });

  it('--no-color turns it off', async () => {
    expect((await notSignedIn({ tty: true }, ['--no-color'])).stderr).not.toMatch(ANSI);
  });

  it('FORCE_COLOR turns it on through a pipe; an empty NO_COLOR does not count', async () => {
    expect((await notSignedIn({ env: { FORCE_COLOR: '1' } })).stderr).toMatch(ANSI);
    expect((await notSignedIn({ tty: true, env: { NO_COLOR: '' } })).stderr).toMatch(ANSI);
  });
});
