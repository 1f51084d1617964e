import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';

export const DEFAULT_URL = 'http://127.0.0.1:8000';

/** What config.json holds. All optional: a fresh machine has no file at all. */
export interface StoredConfig {
  url?: string;
  token?: string;
  token_id?: string;
  user_email?: string;
}

/** The effective settings: the file, then DEVTRACKR_URL / DEVTRACKR_TOKEN over it. */
export interface Config extends StoredConfig {
  url: string;
  /** Where the file lives (shown by login/logout, used by tests). */
  path: string;
  /** The file as stored, before the environment overrides. */
  stored: StoredConfig;
}

/** `$XDG_CONFIG_HOME/devtrackr/config.json`, default `$HOME/.config/devtrackr/config.json`. */
export function configPath(io: CliIo): string {
  const xdg = io.env.XDG_CONFIG_HOME;
  const base =
    xdg !== undefined && xdg !== ''
      ? xdg
      : join(io.env.HOME ?? io.env.USERPROFILE ?? '.', '.config');
  return join(base, 'devtrackr', 'config.json');
}

export async function readStoredConfig(path: string): Promise<StoredConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${path} is not valid JSON; fix or delete it, then run devtrackr login`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      `${path} does not hold a JSON object; delete it, then run devtrackr login`,
    );
  }
  const out: StoredConfig = {};
  for (const key of ['url', 'token', 'token_id', 'user_email'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

export async function loadConfig(io: CliIo): Promise<Config> {
  const path = configPath(io);
  const stored = await readStoredConfig(path);
  const envUrl = nonEmpty(io.env.DEVTRACKR_URL);
  const envToken = nonEmpty(io.env.DEVTRACKR_TOKEN);
  const config: Config = { ...stored, url: envUrl ?? stored.url ?? DEFAULT_URL, path, stored };
  if (envToken !== undefined) {
    // A token from the environment is not the stored one: its id and email are unknown.
    config.token = envToken;
    if (envToken !== stored.token) {
      delete config.token_id;
      delete config.user_email;
    }
  }
  return config;
}

/**
 * Writes the file holding the token: directory 0700, file 0600, and atomically (a temporary
 * file renamed over it), so a crash mid-write never leaves a half file or a readable token.
 */
export async function saveConfig(path: string, config: StoredConfig): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode does not apply to a directory that already exists (made by another tool).
  await chmod(dir, 0o700);
  const tmp = join(dir, `.config.json.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** An unreadable config file: the user must fix it, so it is a plain exit-1 message. */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  constructor(message: string) {
    super(message, 1, 'config_invalid');
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
