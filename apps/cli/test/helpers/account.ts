import { randomBytes } from 'node:crypto';
import { createClient, type DevTrackrClient } from '@devtrackr/client';
import { CLI_SCOPES } from '../../src/scopes.js';

/** The CLI's scopes, written out (sorted) so a scope dropped from the code fails the tests. */
export const EXPECTED_CLI_SCOPES = [
  'metrics:read',
  'tasks:read',
  'tasks:write',
  'time:read',
  'time:write',
];

export interface TestAccount {
  email: string;
  password: string;
  /** A personal access token with the CLI's scopes. */
  token: string;
  /** That token's id. */
  tokenId: number;
  /** An SDK client with the token, to check the server's state. */
  client: DevTrackrClient;
  /** What a CLI run needs to act as this user without `login`: pass it as runCli's `env`. */
  env: { DEVTRACKR_URL: string; DEVTRACKR_TOKEN: string };
}

/** A unique address per call, readable in the server's log. */
export function uniqueEmail(label = 'cli'): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`;
}

/** Registers a fresh user through the SDK and gives it a CLI token (no prompt involved). */
export async function newAccount(apiUrl: string, label = 'cli'): Promise<TestAccount> {
  const email = uniqueEmail(label);
  // Random, so the API's common-password list never refuses it.
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await createClient({ baseUrl: apiUrl }).POST('/auth/register', { body: { email, password } });
  const session = createClient({ baseUrl: apiUrl, session: { email, password } });
  const { data } = await session.POST('/auth/tokens', {
    body: { name: 'cli-test', scopes: [...CLI_SCOPES] },
  });
  return {
    email,
    password,
    token: data.token,
    tokenId: data.id,
    client: createClient({ baseUrl: apiUrl, token: data.token }),
    env: { DEVTRACKR_URL: apiUrl, DEVTRACKR_TOKEN: data.token },
  };
}
