import { hostname } from 'node:os';
import { createClient, type DevTrackrClient } from '@devtrackr/client';
import { saveConfig, type StoredConfig } from '../config.js';
import type { CliContext } from '../context.js';
import { CliError, isApiError, UsageError } from '../errors.js';
import { Prompter } from '../prompt.js';
import { CLI_SCOPES } from '../scopes.js';

/** The API caps token names at 100 characters. */
const TOKEN_NAME_MAX = 100;

/** What login saves, and how it names the user. */
interface LoggedIn {
  saved: StoredConfig & { token: string };
  who: string;
}

export interface LoginOptions {
  token?: string;
  email?: string;
}

/** What the saved token is called on the server, so the user recognises it in the web app. */
export function tokenName(host = hostname()): string {
  return `cli@${host}`.slice(0, TOKEN_NAME_MAX);
}

/**
 * `devtrackr login`: with a token (flag or DEVTRACKR_TOKEN), checks it and saves it; otherwise
 * asks for email and password, logs in, creates a personal access token with the CLI's scopes,
 * and logs that session out again, so only the token (never the password, nor a refresh
 * token) is kept.
 */
export async function login(ctx: CliContext, options: LoginOptions): Promise<void> {
  const config = await ctx.config();
  const url = await ctx.baseUrl();
  const given = options.token ?? nonEmpty(ctx.io.env.DEVTRACKR_TOKEN);
  const { saved, who } =
    given === undefined
      ? await loginWithPassword(ctx, url, options.email)
      : await checkToken(url, given);

  // A previous login's token would otherwise stay valid, unused, on the server.
  const previous = config.stored;
  if (previous.token !== undefined && previous.token !== saved.token) {
    await revokeQuietly(previous.url ?? url, previous.token);
  }
  await saveConfig(config.path, { url, ...saved });
  if (ctx.json) {
    ctx.out.json({
      url,
      email: saved.user_email ?? null,
      token_id: Number(saved.token_id),
      config: config.path,
    });
  } else {
    ctx.out.line(`Signed in as ${ctx.out.c.bold(who)} at ${url}`);
  }
}

async function loginWithPassword(
  ctx: CliContext,
  url: string,
  emailOption: string | undefined,
): Promise<LoggedIn> {
  const prompter = new Prompter(ctx.io);
  let email: string;
  let password: string;
  try {
    email = (emailOption ?? (await prompter.ask('Email: '))).trim();
    password = await prompter.ask('Password: ', true);
  } finally {
    prompter.close();
  }
  if (email === '' || password === '') throw new UsageError('an email and a password are needed');

  let refreshToken: string | undefined;
  const session = createClient({
    baseUrl: url,
    session: { email, password },
    onTokens: (pair) => {
      refreshToken = pair.refresh_token;
    },
  });
  try {
    const { data } = await session.POST('/auth/tokens', {
      body: { name: tokenName(), scopes: [...CLI_SCOPES] },
    });
    return {
      saved: { token: data.token, token_id: String(data.id), user_email: email },
      who: email,
    };
  } finally {
    // The session was only needed to mint the token: end it rather than leave it on the server.
    if (refreshToken !== undefined) {
      await createClient({ baseUrl: url })
        .POST('/auth/logout', { body: { refresh_token: refreshToken } })
        .catch(() => undefined);
    }
  }
}

async function checkToken(url: string, token: string): Promise<LoggedIn> {
  const client = createClient({ baseUrl: url, token });
  const { data } = await client.GET('/auth/tokens/current');
  if (data.token === null) {
    // A login session's access token expires within minutes: not something to save.
    throw new UsageError('that is a login session token; give a personal access token (dtk_…)');
  }
  // A token cannot read the account (no email): name the user by id and the token by name.
  return {
    saved: { token, token_id: String(data.token.id) },
    who: `user #${data.user_id} (token ${data.token.name})`,
  };
}

/** Best effort: a token that is already gone, or a server that is down, is not worth an error. */
async function revokeQuietly(url: string, token: string): Promise<void> {
  await revoke(createClient({ baseUrl: url, token, timeoutMs: 5_000 })).catch(() => undefined);
}

function revoke(client: DevTrackrClient) {
  return client.DELETE('/auth/tokens/current');
}

export interface LogoutOptions {
  /** Forget the token even when the server cannot be reached to revoke it. */
  forget?: boolean;
}

/** `devtrackr logout`: revokes the saved token on the server, then removes it from the config. */
export async function logout(ctx: CliContext, options: LogoutOptions): Promise<void> {
  const config = await ctx.config();
  const { token, ...rest } = config.stored;
  if (token === undefined) {
    const note =
      nonEmpty(ctx.io.env.DEVTRACKR_TOKEN) === undefined
        ? 'Not signed in.'
        : 'No saved token (DEVTRACKR_TOKEN is set: unset it, logout only revokes what login saved).';
    if (ctx.json) ctx.out.json({ revoked: false, forgotten: false });
    else ctx.out.line(note);
    return;
  }
  // The server the token was saved for, unless --url says otherwise.
  const url = await ctx.baseUrl();
  let revoked = true;
  let note = `Signed out: the token was revoked at ${url} and removed from ${config.path}`;
  try {
    await revoke(createClient({ baseUrl: url, token }));
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      revoked = false;
      note = `The token was already revoked or expired; removed it from ${config.path}`;
    } else if (isApiError(error) && error.status === 0 && options.forget === true) {
      revoked = false;
      note = `Could not reach ${url} to revoke the token (revoke it in the web app); removed it from ${config.path}`;
    } else if (isApiError(error) && error.status === 0) {
      throw new CliError(
        `cannot reach ${url} to revoke the token: ${error.detail}; try again, or run devtrackr logout --forget`,
      );
    } else {
      throw error;
    }
  }
  // The URL stays, so the next login offers the same server.
  const kept: StoredConfig = rest.url === undefined ? {} : { url: rest.url };
  await saveConfig(config.path, kept);
  if (ctx.json) ctx.out.json({ revoked, forgotten: true });
  else ctx.out.line(note);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
