import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deepFreeze, type Config } from './config.js';

export const JWT_SECRET_FILE = '.jwt-secret';

/** Reads the secret kept in dataDir, or creates one there (mode 0600) so tokens survive restarts. */
function persistedSecret(dataDir: string): { secret: string; created: boolean } {
  const file = resolve(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

/**
 * Server start, outside production without JWT_SECRET (jwtSecretSource 'unset'): the secret kept
 * in DATA_DIR/.jwt-secret, generated on the first start, so a development server's tokens survive
 * restarts. Returns the config with that secret and a warning to log; any other config as it is.
 * (loadConfig stays pure: a config can be loaded, by tests or the migrate command, without
 * writing files.)
 */
export function withPersistedJwtSecret(config: Config): Config {
  if (config.auth.jwtSecretSource !== 'unset') return config;
  const { secret, created } = persistedSecret(config.dataDir);
  const file = resolve(config.dataDir, JWT_SECRET_FILE);
  return deepFreeze({
    ...config,
    auth: { ...config.auth, jwtSecret: secret, jwtSecretSource: created ? 'generated' : 'file' },
    warnings: [
      ...config.warnings,
      `JWT_SECRET is not set; using the secret ${created ? 'generated in' : 'stored in'} ${file}. Set JWT_SECRET in production.`,
    ],
  });
}
