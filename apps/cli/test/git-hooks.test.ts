// The hooks for real: `git install` writes them, `git checkout` / `git commit` run them, and
// they run the built bin (dist/bin.js) as a subprocess of git. Server state through the SDK.
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { newAccount, type TestAccount } from './helpers/account.js';
import { runBin, runCli } from './helpers/cli.js';
import { newRepo, type TestRepo } from './git-repo.js';

const apiUrl = inject('apiUrl');

async function newTask(account: TestAccount, title: string): Promise<number> {
  return (await account.client.POST('/tasks', { body: { title } })).data.id;
}

async function runningTaskId(account: TestAccount): Promise<number | null> {
  const { data } = await account.client.GET('/timer');
  return data.running ? (data.task?.id ?? null) : null;
}

/** What a hook printed: git runs hooks with their stdout sent to its stderr. */
function hookLines(run: { stdout: string; stderr: string }): string[] {
  return `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.startsWith('devtrackr:'));
}

async function install(repo: TestRepo, account?: TestAccount) {
  const result = await runCli(['git', 'install'], {
    cwd: repo.dir,
    home: repo.home,
    env: account?.env ?? {},
  });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** A port nothing listens on: taken from the OS, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) =>
    server.close(() => {
      done();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('git install / uninstall', () => {
  it('chains with an existing hook: both run on checkout, and uninstall restores it byte for byte', async () => {
    const account = await newAccount(apiUrl, 'git-chain');
    const id = await newTask(account, 'Fix login');
    const repo = newRepo(account.env);
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    const hooks = join(repo.dir, '.git/hooks');
    const marker = join(repo.dir, 'marker.txt');
    const original = `#!/bin/sh\n# the team's own hook\necho "checked out $3" >> '${marker}'\nexit 0\n`;
    await mkdir(hooks, { recursive: true });
    await writeFile(join(hooks, 'post-checkout'), original, { mode: 0o755 });

    const installed = await install(repo, account);
    expect(installed.stdout).toContain('post-checkout: chained');
    expect(installed.stdout).toContain('prepare-commit-msg: installed');
    // Twice: still one block in each hook.
    const again = await runCli(['git', 'install', '--json'], { cwd: repo.dir, home: repo.home });
    expect(again.json<{ hook: string; action: string }[]>().map((c) => c.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    const chained = await readFile(join(hooks, 'post-checkout'), 'utf8');
    expect(chained.split('# >>> devtrackr >>>')).toHaveLength(2);

    const checkout = repo.git(['checkout', '-q', '-b', `feat/${id}-x`]);
    expect(await readFile(marker, 'utf8')).toBe('checked out 1\n');
    expect(hookLines(checkout)).toEqual([`devtrackr: timer started on #${id} Fix login`]);
    expect(await runningTaskId(account)).toBe(id);

    const removed = await runCli(['git', 'uninstall'], { cwd: repo.dir, home: repo.home });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('post-checkout: removed');
    expect(removed.stdout).toContain('prepare-commit-msg: deleted');
    expect(await readFile(join(hooks, 'post-checkout'), 'utf8')).toBe(original);
    expect(((await stat(join(hooks, 'post-checkout'))).mode & 0o777).toString(8)).toBe('755');
    expect(existsSync(join(hooks, 'prepare-commit-msg'))).toBe(false);
    // Uninstalling again changes nothing.
    const twice = await runCli(['git', 'uninstall', '--json'], { cwd: repo.dir, home: repo.home });
    expect(twice.json<{ action: string }[]>().map((c) => c.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('switches the timer between task branches; a branch without a task changes nothing', async () => {
    const account = await newAccount(apiUrl, 'git-switch');
    const first = await newTask(account, 'First');
    const second = await newTask(account, 'Second');
    const repo = newRepo(account.env);
    await writeFile(join(repo.dir, 'a.txt'), 'a\n');
    repo.git(['add', 'a.txt']);
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    await install(repo);

    expect(hookLines(repo.git(['checkout', '-q', '-b', `dt-${first}`]))).toEqual([
      `devtrackr: timer started on #${first} First`,
    ]);
    expect(hookLines(repo.git(['checkout', '-q', '-b', `fix/DT-${second}`]))).toEqual([
      `devtrackr: timer started on #${second} Second (stopped #${first} First)`,
    ]);
    expect(await runningTaskId(account)).toBe(second);
    expect(hookLines(repo.git(['checkout', '-q', '-b', 'feature/no-task']))).toEqual([]);
    expect(await runningTaskId(account)).toBe(second);
    expect(hookLines(repo.git(['checkout', '-q', `fix/DT-${second}`]))).toEqual([
      `devtrackr: timer already running on #${second} Second`,
    ]);
    // A file checkout (flag 0) is not a branch change.
    expect(hookLines(repo.git(['checkout', '-q', `dt-${first}`, '--', '.']))).toEqual([]);
    expect(await runningTaskId(account)).toBe(second);
  });

  it('a checkout with the server unreachable still succeeds, with one line', async () => {
    const port = await deadPort();
    const repo = newRepo({ DEVTRACKR_URL: `http://127.0.0.1:${port}`, DEVTRACKR_TOKEN: 'dtk_x' });
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    await install(repo);
    const checkout = repo.git(['checkout', '-b', 'feat/42-fix-login'], { allowFail: true });
    expect(checkout.code).toBe(0);
    expect(hookLines(checkout)).toEqual([
      `devtrackr: http://127.0.0.1:${port}: cannot reach it, timer not started on #42`,
    ]);
    expect(repo.git(['symbolic-ref', '--short', 'HEAD']).stdout.trim()).toBe('feat/42-fix-login');
  });

  it('a checkout while not signed in, or on a task that is not yours, says so and succeeds', async () => {
    const repo = newRepo({ DEVTRACKR_URL: apiUrl });
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    await install(repo);
    const signedOut = repo.git(['checkout', '-q', '-b', 'feat/42-fix-login']);
    expect(hookLines(signedOut)).toEqual([
      'devtrackr: not signed in: run devtrackr login, timer not started on #42',
    ]);

    const account = await newAccount(apiUrl, 'git-404');
    const missing = repo.git(['checkout', '-q', '-b', 'dt-999999999'], { env: account.env });
    expect(hookLines(missing)).toEqual(['devtrackr: task #999999999 not found, timer not started']);
  });

  it('honours core.hooksPath', async () => {
    const repo = newRepo();
    repo.git(['config', 'core.hooksPath', '.githooks']);
    await install(repo);
    expect(existsSync(join(repo.dir, '.githooks/post-checkout'))).toBe(true);
    expect(existsSync(join(repo.dir, '.git/hooks/post-checkout'))).toBe(false);
  });

  it('refuses to edit a hook written in another language, and outside a repository', async () => {
    const repo = newRepo();
    const path = join(repo.dir, '.git/hooks/post-checkout');
    await mkdir(join(repo.dir, '.git/hooks'), { recursive: true });
    await writeFile(path, '#!/usr/bin/env python3\nprint("hi")\n');
    await chmod(path, 0o755);
    const refused = await runCli(['git', 'install'], { cwd: repo.dir, home: repo.home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not a shell script');
    expect(await readFile(path, 'utf8')).toBe('#!/usr/bin/env python3\nprint("hi")\n');

    const outside = await runCli(['git', 'install']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('not in a Git repository');
  });

  it('warns when the existing hook is not executable', async () => {
    const repo = newRepo();
    await mkdir(join(repo.dir, '.git/hooks'), { recursive: true });
    await writeFile(join(repo.dir, '.git/hooks/post-checkout'), '#!/bin/sh\ntrue\n', {
      mode: 0o644,
    });
    const result = await install(repo);
    expect(result.stderr).toContain('is not executable');
  });
});

describe('git hook post-checkout (in process)', () => {
  const hook = (repo: TestRepo, env: Record<string, string>, flag = '1') =>
    runCli(['git', 'hook', 'post-checkout', 'a', 'b', flag], {
      cwd: repo.dir,
      home: repo.home,
      env,
    });

  it('a rejected token, a bad .devtrackr.json, a detached HEAD: one line or none, exit 0', async () => {
    const repo = newRepo();
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    repo.git(['checkout', '-q', '-b', 'dt-3']);
    const badToken = await hook(repo, {
      DEVTRACKR_URL: apiUrl,
      DEVTRACKR_TOKEN: 'dtk_not_a_token',
    });
    expect(badToken).toMatchObject({
      code: 0,
      stdout: 'devtrackr: not signed in (run devtrackr login), timer not started on #3\n',
    });

    await writeFile(join(repo.dir, '.devtrackr.json'), '{"branchPattern": "("}');
    const badConfig = await hook(repo, {});
    expect(badConfig.code).toBe(0);
    expect(badConfig.stdout).toMatch(
      /^devtrackr: \.devtrackr\.json: branchPattern is not a regular expression.*timer not started\n$/,
    );

    repo.git(['checkout', '-q', '--detach']);
    expect(await hook(repo, {})).toMatchObject({ code: 0, stdout: '' });
    expect(await hook(repo, {}, '0')).toMatchObject({ code: 0, stdout: '' });
  });

  it('a server that accepts but never answers: gives up after the hook timeout, exit 0', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as AddressInfo;
    try {
      const repo = newRepo();
      repo.commitAt('2026-01-05T09:00:00Z', 'init');
      repo.git(['checkout', '-q', '-b', '12-slow']);
      const url = `http://127.0.0.1:${port}`;
      const result = await hook(repo, { DEVTRACKR_URL: url, DEVTRACKR_TOKEN: 'dtk_x' });
      expect(result).toMatchObject({
        code: 0,
        stdout: `devtrackr: ${url}: no answer in time, timer not started on #12\n`,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) =>
        silent.close(() => {
          done();
        }),
      );
    }
  });

  it('prepare-commit-msg in process: adds the trailer; a missing file is one line, exit 0', async () => {
    const repo = newRepo();
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    repo.git(['checkout', '-q', '-b', 'feat/8-x']);
    await writeFile(join(repo.dir, 'msg'), 'Subject\n');
    const opts = { cwd: repo.dir, home: repo.home };
    expect(
      await runCli(['git', 'hook', 'prepare-commit-msg', 'msg', 'message'], opts),
    ).toMatchObject({
      code: 0,
      stdout: '',
    });
    expect(await readFile(join(repo.dir, 'msg'), 'utf8')).toBe('Subject\n\nTask: #8\n');
    const missing = await runCli(['git', 'hook', 'prepare-commit-msg', 'nope'], opts);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toMatch(/^devtrackr: git interpret-trailers: .*\n$/);
    expect(await runCli(['git', 'hook', 'prepare-commit-msg'], opts)).toMatchObject({
      code: 0,
      stdout: '',
    });
  });
});

describe('prepare-commit-msg', () => {
  it('adds a Task trailer on a task branch, keeps one already there, adds none elsewhere', async () => {
    const repo = newRepo();
    repo.commitAt('2026-01-05T09:00:00Z', 'init on main');
    await install(repo);
    const trailers = () => repo.git(['log', '-1', '--format=%(trailers)']).stdout.trim();
    expect(trailers()).toBe('');

    repo.git(['checkout', '-q', '-b', 'dt-77']);
    repo.commitAt('2026-01-05T10:00:00Z', 'Fix the login redirect');
    expect(trailers()).toBe('Task: #77');
    expect(repo.git(['log', '-1', '--format=%B']).stdout).toBe(
      'Fix the login redirect\n\nTask: #77\n\n',
    );

    repo.commitAt('2026-01-05T11:00:00Z', 'Other work\n\nTask: #12');
    expect(trailers()).toBe('Task: #12');

    repo.git(['checkout', '-q', '-b', 'feature/misc']);
    repo.commitAt('2026-01-05T12:00:00Z', 'No task here');
    expect(trailers()).toBe('');
  });

  it('an empty message (the editor case) keeps the subject line free', async () => {
    const repo = newRepo();
    repo.commitAt('2026-01-05T09:00:00Z', 'init');
    repo.git(['checkout', '-q', '-b', 'dt-5']);
    const file = join(repo.dir, 'msg.txt');
    await writeFile(file, '\n# Please enter the commit message\n');
    const run = await runBin(['git', 'hook', 'prepare-commit-msg', file], {
      cwd: repo.dir,
      home: repo.home,
    });
    expect(run.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('\n\nTask: #5\n# Please enter the commit message\n');
  });

  it('the hook command is hidden from help, and an unknown hook is a usage error', async () => {
    const help = await runCli(['git', '--help']);
    expect(help.stdout).toContain('install');
    expect(help.stdout).toContain('suggest');
    expect(help.stdout).not.toMatch(/^\s+hook\b/m);
    const unknown = await runCli(['git', 'hook', 'pre-push']);
    expect(unknown.code).toBe(2);
  });
});
