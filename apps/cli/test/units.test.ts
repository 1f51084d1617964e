import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { DevTrackrError } from '@devtrackr/client';
import { describe, expect, it } from 'vitest';
import { configPath, loadConfig, saveConfig } from '../src/config.js';
import { CliError, NotSignedInError, reportError, UsageError } from '../src/errors.js';
import { processIo, type CliIo } from '../src/io.js';
import { colorEnabled, Output, visibleLength } from '../src/output.js';
import { Prompter } from '../src/prompt.js';
import { tokenName } from '../src/commands/auth-action.js';
import { fakeIo, tempHome } from './helpers/cli.js';

describe('config', () => {
  it('lives under XDG_CONFIG_HOME, else HOME/.config', () => {
    expect(configPath(fakeIo({ env: { XDG_CONFIG_HOME: '/x/cfg' } }).io)).toBe(
      '/x/cfg/devtrackr/config.json',
    );
    expect(configPath(fakeIo({ home: '/h', env: { XDG_CONFIG_HOME: '' } }).io)).toBe(
      '/h/.config/devtrackr/config.json',
    );
  });

  it('no file: the default URL and no token', async () => {
    const config = await loadConfig(fakeIo().io);
    expect(config).toMatchObject({ url: 'http://127.0.0.1:8000', stored: {} });
    expect(config.token).toBeUndefined();
  });

  it('DEVTRACKR_URL and DEVTRACKR_TOKEN override the file; the stored id does not follow', async () => {
    const home = tempHome();
    const { io } = fakeIo({ home });
    await saveConfig(configPath(io), {
      url: 'http://saved',
      token: 'dtk_saved',
      token_id: '7',
      user_email: 'a@example.com',
    });
    expect(await loadConfig(io)).toMatchObject({ url: 'http://saved', token: 'dtk_saved' });
    const env = { DEVTRACKR_URL: 'http://env', DEVTRACKR_TOKEN: 'dtk_env' };
    const overridden = await loadConfig(fakeIo({ home, env }).io);
    expect(overridden).toMatchObject({ url: 'http://env', token: 'dtk_env' });
    expect(overridden.token_id).toBeUndefined();
    expect(overridden.stored.token).toBe('dtk_saved');
  });

  it('saving makes the directory 0700 (even one that existed) and the file 0600, atomically', async () => {
    const home = tempHome();
    const dir = join(home, '.config', 'devtrackr');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    const path = join(dir, 'config.json');
    await saveConfig(path, { url: 'http://a' });
    await saveConfig(path, { url: 'http://b', token: 'dtk_b' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: 'http://b', token: 'dtk_b' });
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a broken file is a clear exit-1 error naming it; unknown or empty fields are ignored', async () => {
    const home = tempHome();
    const { io } = fakeIo({ home });
    const path = configPath(io);
    mkdirSync(join(home, '.config', 'devtrackr'), { recursive: true });
    writeFileSync(path, '{ not json');
    await expect(loadConfig(io)).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining(path),
    });
    writeFileSync(path, '[1]');
    await expect(loadConfig(io)).rejects.toBeInstanceOf(CliError);
    writeFileSync(path, JSON.stringify({ url: '', token: 5, other: 'x', token_id: '3' }));
    expect((await loadConfig(io)).stored).toEqual({ token_id: '3' });
  });
});

describe('output', () => {
  it('pads table columns to the widest cell, colour codes not counted', () => {
    const { io, stdout } = fakeIo();
    const out = new Output(io, true);
    out.table(
      ['ID', { header: 'Time', align: 'right' }, 'Title'],
      [
        ['1', '5m', out.c.red('short')],
        ['42', '1h 30m', 'long title'],
      ],
    );
    const lines = stdout.text.split('\n').map((line) => stripVTControlCharacters(line));
    expect(lines).toEqual(['ID    Time  Title', '1       5m  short', '42  1h 30m  long title', '']);
    expect(visibleLength(out.c.bold('abc'))).toBe(3);
  });

  it('json is pretty with a final newline; warn goes to stderr', () => {
    const { io, stdout, stderr } = fakeIo();
    const out = new Output(io);
    out.json({ a: [1] });
    out.warn('careful');
    expect(stdout.text).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(stderr.text).toBe('careful\n');
  });

  it('colour follows --no-color, NO_COLOR, FORCE_COLOR and the TTY', () => {
    expect(colorEnabled(fakeIo({ tty: true }).io, false)).toBe(true);
    expect(colorEnabled(fakeIo({ tty: true }).io, true)).toBe(false);
    expect(colorEnabled(fakeIo({ tty: true, env: { NO_COLOR: 'x' } }).io, false)).toBe(false);
    expect(colorEnabled(fakeIo({ env: { FORCE_COLOR: '0' } }).io, false)).toBe(false);
    expect(colorEnabled(fakeIo({ env: { FORCE_COLOR: '3' } }).io, false)).toBe(true);
    expect(colorEnabled(fakeIo().io, false)).toBe(false);
  });
});

describe('reportError', () => {
  const sink = (json = false) => {
    const { io, stdout, stderr } = fakeIo();
    return { ctx: { out: new Output(io, false), json, lastUrl: 'http://api' }, stdout, stderr };
  };
  const problem = new DevTrackrError({
    status: 422,
    code: 'validation_failed',
    title: 'Validation failed',
    detail: 'body.title is too long',
    errors: [
      { location: 'body.title', message: 'is too long' },
      { location: 'body.estimate', message: 'must be positive' },
    ],
    problem: {
      type: 'about:blank',
      status: 422,
      code: 'validation_failed',
      title: 'Validation failed',
      detail: 'body.title is too long',
    },
  });

  it('a problem: title, detail and code, then each field error on its own line', () => {
    const { ctx, stderr, stdout } = sink();
    expect(reportError(problem, ctx)).toBe(1);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe(
      'Validation failed: body.title is too long (validation_failed)\n' +
        '  body.title: is too long\n' +
        '  body.estimate: must be positive\n',
    );
  });

  it('a problem under --json: the problem document on stderr', () => {
    const { ctx, stderr } = sink(true);
    reportError(problem, ctx);
    expect(JSON.parse(stderr.text)).toMatchObject({ status: 422, code: 'validation_failed' });
  });

  it('an error page without a problem (a proxy), under --json', () => {
    const { ctx, stderr } = sink(true);
    const error = new DevTrackrError({
      status: 502,
      code: 'http_error',
      title: 'Bad Gateway',
      detail: 'The server answered 502 without a problem document',
    });
    expect(reportError(error, ctx)).toBe(1);
    expect(JSON.parse(stderr.text)).toEqual({
      status: 502,
      code: 'http_error',
      title: 'Bad Gateway',
      detail: 'The server answered 502 without a problem document',
    });
  });

  it('a timeout names the server; a 401 is "not signed in" (exit 3)', () => {
    const timeout = sink();
    const error = new DevTrackrError({
      status: 0,
      code: 'timeout',
      title: 'Timeout',
      detail: 'no answer in 30000 ms',
    });
    expect(reportError(error, timeout.ctx)).toBe(1);
    expect(timeout.stderr.text).toBe('error: http://api did not answer: no answer in 30000 ms\n');
    const expired = sink();
    const unauthorized = new DevTrackrError({
      status: 401,
      code: 'invalid_token',
      title: 't',
      detail: 'd',
    });
    expect(reportError(unauthorized, expired.ctx)).toBe(3);
    expect(expired.stderr.text).toBe('error: not signed in: run devtrackr login\n');
  });

  it('CLI errors keep their exit code; anything else is exit 1 with its message only', () => {
    const usage = sink();
    expect(reportError(new UsageError('2 tasks match'), usage.ctx)).toBe(2);
    expect(usage.stderr.text).toBe('error: 2 tasks match\n');
    expect(reportError(new NotSignedInError(), sink().ctx)).toBe(3);
    const bug = sink();
    expect(reportError(new TypeError('x is undefined'), bug.ctx)).toBe(1);
    expect(bug.stderr.text).toBe('error: x is undefined\n');
    const json = sink(true);
    expect(reportError('a string', json.ctx)).toBe(1);
    expect(JSON.parse(json.stderr.text)).toEqual({ code: 'internal', message: 'a string' });
  });
});

/** A terminal's stdin: raw mode recorded, keystrokes written by the test. */
function terminal(): { io: CliIo; keys: PassThrough; raw: boolean[]; stderr: () => string } {
  const keys = new PassThrough();
  const raw: boolean[] = [];
  const stdin = Object.assign(keys, {
    isTTY: true,
    setRawMode: (mode: boolean) => {
      raw.push(mode);
      return keys;
    },
  });
  const { io, stderr } = fakeIo();
  return { io: { ...io, stdin }, keys, raw, stderr: () => stderr.text };
}

describe('prompt', () => {
  it('on a terminal the password is read in raw mode, not echoed, with backspace', async () => {
    const t = terminal();
    const prompter = new Prompter(t.io);
    const email = prompter.ask('Email: ');
    t.keys.write('me@example.com\n');
    expect(await email).toBe('me@example.com');
    const password = prompter.ask('Password: ', true);
    t.keys.write('sec');
    t.keys.write('x\u007fret\r');
    expect(await password).toBe('secret');
    prompter.close();
    expect(t.raw).toEqual([true, false]);
    expect(t.stderr()).toBe('Email: Password: \n');
  });

  it('Ctrl-C at the password prompt cancels and leaves raw mode', async () => {
    const t = terminal();
    const prompter = new Prompter(t.io);
    const password = prompter.ask('Password: ', true);
    t.keys.write('abc\u0003');
    await expect(password).rejects.toMatchObject({ message: 'cancelled', exitCode: 1 });
    expect(t.raw).toEqual([true, false]);
  });

  it('piped lines: \\r\\n split across chunks, a last line without newline', async () => {
    const keys = new PassThrough();
    const { io, stderr } = fakeIo();
    const prompter = new Prompter({ ...io, stdin: keys });
    const first = prompter.ask('A: ');
    keys.write('one\r');
    expect(await first).toBe('one');
    const second = prompter.ask('B: ', true);
    keys.end('\ntwo');
    expect(await second).toBe('two');
    // Nothing echoes piped answers, so each prompt ends its own line.
    expect(stderr.text).toBe('A: \nB: \n');
  });
});

describe('token name', () => {
  it('is cli@<host>, cut to the API’s 100 characters', () => {
    expect(tokenName('laptop')).toBe('cli@laptop');
    expect(tokenName('h'.repeat(200))).toHaveLength(100);
  });
});

describe('processIo', () => {
  it('is the real process: its streams, environment and directory', () => {
    const io = processIo();
    expect(io.stdin).toBe(process.stdin);
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.env).toBe(process.env);
    expect(io.cwd).toBe(process.cwd());
    expect(io.now()).toBeInstanceOf(Date);
  });
});
