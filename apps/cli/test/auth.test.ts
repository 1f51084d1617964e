import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, DevTrackrError } from '@devtrackr/client';
import { describe, expect, inject, it, vi } from 'vitest';
import { EXPECTED_CLI_SCOPES, newAccount, uniqueEmail } from './helpers/account.js';
import { deadUrl, runBin, runCli, tempHome } from './helpers/cli.js';

const apiUrl = inject('apiUrl');
const configFile = (home: string) => join(home, '.config', 'devtrackr', 'config.json');
const readConfig = (home: string) =>
  JSON.parse(readFileSync(configFile(home), 'utf8')) as Record<string, unknown>;

/** A user registered through the SDK, without a token yet. */
async function registered(): Promise<{ email: string; password: string }> {
  const email = uniqueEmail('login');
  const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  await createClient({ baseUrl: apiUrl }).POST('/auth/register', { body: { email, password } });
  return { email, password };
}

/** The status the API gives a token now (200 works, 401 revoked). */
async function tokenStatus(token: string): Promise<number> {
  try {
    await createClient({ baseUrl: apiUrl, token }).GET('/auth/tokens/current');
    return 200;
  } catch (error) {
    if (error instanceof DevTrackrError) return error.status;
    throw error;
  }
}

describe('login and logout as a real subprocess', () => {
  it('login through piped stdin saves a 0600 config with the token, never the password', async () => {
    const { email, password } = await registered();
    const home = tempHome();
    const run = await runBin(['login', '--url', apiUrl], {
      home,
      stdin: `${email}\n${password}\n`,
    });
    expect(run.stderr).toContain('Email: ');
    expect(run.stderr).toContain('Password: ');
    expect(run).toMatchObject({ code: 0, stdout: `Signed in as ${email} at ${apiUrl}\n` });
    expect(run.stdout + run.stderr).not.toContain(password);

    expect(statSync(configFile(home)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.config', 'devtrackr')).mode & 0o777).toBe(0o700);
    const text = readFileSync(configFile(home), 'utf8');
    expect(text).not.toContain(password);
    const config = readConfig(home);
    expect(config).toEqual({
      url: apiUrl,
      token: expect.stringMatching(/^dtk_/),
      token_id: expect.any(String),
      user_email: email,
    });

    // The server holds exactly one token for this user: named for the host, with the CLI's scopes.
    const token = config.token as string;
    const { data } = await createClient({ baseUrl: apiUrl, token }).GET('/auth/tokens/current');
    expect(data.kind).toBe('personal_access_token');
    expect(String(data.token?.id)).toBe(config.token_id);
    expect(data.token?.name).toMatch(/^cli@.+/);
    expect([...data.scopes].sort()).toEqual(EXPECTED_CLI_SCOPES);
    const session = createClient({ baseUrl: apiUrl, session: { email, password } });
    const tokens = await session.GET('/auth/tokens');
    expect(tokens.data.map((t) => t.id)).toEqual([data.token?.id]);

    // logout revokes it on the server, then forgets it.
    const out = await runBin(['logout'], { home });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Signed out');
    expect(await tokenStatus(token)).toBe(401);
    expect(readConfig(home)).toEqual({ url: apiUrl });
  });
});

describe('login', () => {
  it('ends the login session it used: its refresh token is refused afterwards', async () => {
    const { email, password } = await registered();
    const sent: { url: string; body: string }[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, body: await request.clone().text() });
      return realFetch(request);
    });
    try {
      const run = await runCli(['login', '--url', apiUrl], { stdin: `${email}\n${password}\n` });
      expect(run.code, run.stderr).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const logout = sent.find((call) => call.url === `${apiUrl}/auth/logout`);
    expect(logout).toBeDefined();
    const { refresh_token: refreshToken } = JSON.parse(logout?.body ?? '{}') as {
      refresh_token: string;
    };
    expect(refreshToken).toMatch(/^dtr_/);
    const refresh = await fetch(`${apiUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('a wrong password exits 1 with the API problem and saves nothing', async () => {
    const { email } = await registered();
    const home = tempHome();
    const run = await runCli(['login', '--url', apiUrl], { home, stdin: `${email}\nnot it\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(invalid_credentials)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(() => statSync(configFile(home))).toThrow();
  });

  it('--json prints the result as JSON and --email asks only the password', async () => {
    const { email, password } = await registered();
    const home = tempHome();
    const run = await runCli(['login', '--json', '--email', email], {
      home,
      stdin: `${password}\n`,
      env: { DEVTRACKR_URL: apiUrl },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('Email: ');
    const config = readConfig(home);
    expect(run.json()).toEqual({
      url: apiUrl,
      email,
      token_id: Number(config.token_id),
      config: configFile(home),
    });
  });

  it('stdin ending before the password exits 1 and says so', async () => {
    const run = await runCli(['login', '--url', apiUrl], { stdin: 'someone@example.com\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no answer on stdin');
  });

  it('an empty email is a usage error (exit 2)', async () => {
    const run = await runCli(['login', '--url', apiUrl], { stdin: '\nsecret\n' });
    expect(run.code).toBe(2);
  });

  it('--token checks the token with the API and saves it without a prompt', async () => {
    const account = await newAccount(apiUrl);
    const home = tempHome();
    const run = await runCli(['login', '--url', apiUrl, '--token', account.token], { home });
    expect(run.code).toBe(0);
    const { data } = await account.client.GET('/auth/tokens/current');
    expect(run.stdout).toBe(`Signed in as user #${data.user_id} (token cli-test) at ${apiUrl}\n`);
    expect(readConfig(home)).toEqual({
      url: apiUrl,
      token: account.token,
      token_id: String(account.tokenId),
    });
  });

  it('DEVTRACKR_TOKEN skips the prompt the same way', async () => {
    const account = await newAccount(apiUrl);
    const home = tempHome();
    const run = await runCli(['login'], { home, env: account.env });
    expect(run.code).toBe(0);
    expect(readConfig(home).token).toBe(account.token);
  });

  it('a revoked --token exits 3 and saves nothing', async () => {
    const account = await newAccount(apiUrl);
    await account.client.DELETE('/auth/tokens/current');
    const home = tempHome();
    const run = await runCli(['login', '--url', apiUrl, '--token', account.token], { home });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('not signed in');
    expect(() => statSync(configFile(home))).toThrow();
  });

  it('a login session token is refused (exit 2): it would expire within minutes', async () => {
    const { email, password } = await registered();
    const { data } = await createClient({ baseUrl: apiUrl }).POST('/auth/login', {
      body: { email, password },
    });
    const run = await runCli(['login', '--url', apiUrl, '--token', data.access_token]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('personal access token');
  });

  it('signing in again revokes the token of the previous login', async () => {
    const first = await newAccount(apiUrl);
    const second = await newAccount(apiUrl);
    const home = tempHome();
    expect((await runCli(['login', '--url', apiUrl, '--token', first.token], { home })).code).toBe(
      0,
    );
    expect((await runCli(['login', '--url', apiUrl, '--token', second.token], { home })).code).toBe(
      0,
    );
    expect(await tokenStatus(first.token)).toBe(401);
    expect(await tokenStatus(second.token)).toBe(200);
  });

  it('an unreachable server: "cannot reach", exit 1, no stack trace', async () => {
    const url = await deadUrl();
    const run = await runCli(['login', '--url', url, '--token', 'dtk_x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach ${url}: .*ECONNREFUSED`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('logout', () => {
  it('with a token already revoked: forgets it, says so, exit 0', async () => {
    const account = await newAccount(apiUrl);
    const home = tempHome();
    await runCli(['login', '--url', apiUrl, '--token', account.token], { home });
    await account.client.DELETE('/auth/tokens/current');
    const run = await runCli(['logout'], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('already revoked');
    expect(readConfig(home)).toEqual({ url: apiUrl });
  });

  it('--json says what happened', async () => {
    const account = await newAccount(apiUrl);
    const home = tempHome();
    await runCli(['login', '--url', apiUrl, '--token', account.token], { home });
    const run = await runCli(['logout', '--json'], { home });
    expect(run.json()).toEqual({ revoked: true, forgotten: true });
    expect(await tokenStatus(account.token)).toBe(401);
  });

  it('not signed in: says so, exit 0', async () => {
    const run = await runCli(['logout']);
    expect(run).toMatchObject({ code: 0, stdout: 'Not signed in.\n' });
    const env = await runCli(['logout'], { env: { DEVTRACKR_TOKEN: 'dtk_from_env' } });
    expect(env.stdout).toContain('DEVTRACKR_TOKEN is set');
  });

  it('server unreachable: keeps the token (exit 1) unless --forget', async () => {
    const home = tempHome();
    mkdirSync(join(home, '.config', 'devtrackr'), { recursive: true });
    const url = await deadUrl();
    const stored = { url, token: 'dtk_unreachable', token_id: '1' };
    writeFileSync(configFile(home), JSON.stringify(stored));
    const kept = await runCli(['logout'], { home });
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain(`cannot reach ${url} to revoke the token`);
    expect(readConfig(home)).toEqual(stored);
    const forgot = await runCli(['logout', '--forget'], { home });
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain('Could not reach');
    expect(readConfig(home)).toEqual({ url });
  });
});
