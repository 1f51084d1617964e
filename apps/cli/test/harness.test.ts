import { inject, describe, expect, it } from 'vitest';
import { EXPECTED_CLI_SCOPES, newAccount } from './helpers/account.js';
import { runBin, runCli } from './helpers/cli.js';

const apiUrl = inject('apiUrl');

describe('test harness', () => {
  it('newAccount gives a working CLI token', async () => {
    const account = await newAccount(apiUrl);
    const { data } = await account.client.GET('/auth/tokens/current');
    expect(data.kind).toBe('personal_access_token');
    expect(data.token?.id).toBe(account.tokenId);
    expect([...data.scopes].sort()).toEqual(EXPECTED_CLI_SCOPES);
  });

  it('runCli and runBin print the version from package.json', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    const inProcess = await runCli(['--version']);
    expect(inProcess).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const bin = await runBin(['--version']);
    expect(bin).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
