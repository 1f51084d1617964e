import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { browserCommand } from '../src/commands/open-action.js';
import { runCli, tempDir } from './helpers/cli.js';

const apiUrl = inject('apiUrl');
const env = { DEVTRACKR_URL: apiUrl };

/** Waits for the detached browser script to write its file (it runs after the CLI returned). */
async function contentOf(file: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(50);
  return readFileSync(file, 'utf8');
}

describe('open', () => {
  it('prints the web app URL, at a task when given one', async () => {
    expect((await runCli(['open', '--print'], { env })).stdout).toBe(`${apiUrl}/app/\n`);
    expect((await runCli(['open', '#42', '--print'], { env })).stdout).toBe(
      `${apiUrl}/app/tasks/42\n`,
    );
    const json = await runCli(['open', '7', '--print', '--json'], { env });
    expect(json.json()).toStrictEqual({ url: `${apiUrl}/app/tasks/7`, opened: false });
    expect((await runCli(['open', 'abc', '--print'], { env })).code).toBe(2);
  });

  it('opens $BROWSER with the URL', async () => {
    const dir = tempDir('browser-');
    const record = join(dir, 'opened.txt');
    const script = join(dir, 'browser.sh');
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s' "$1" > "${record}.tmp" && mv "${record}.tmp" "${record}"\n`,
      {
        mode: 0o755,
      },
    );
    const result = await runCli(['open', '12', '--json'], { env: { ...env, BROWSER: script } });
    expect(result.code).toBe(0);
    expect(result.json()).toStrictEqual({ url: `${apiUrl}/app/tasks/12`, opened: true });
    expect(await contentOf(record)).toBe(`${apiUrl}/app/tasks/12`);
  });

  it('says so when no browser can be started (exit 1)', async () => {
    const result = await runCli(['open'], {
      env: { ...env, BROWSER: join(tempDir(), 'no-such-browser') },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot open a browser`);
    expect(result.stderr).toContain(`${apiUrl}/app/`);
  });
});

describe('browserCommand', () => {
  const url = 'http://h/app/';
  it.each([
    [{ BROWSER: 'firefox' }, 'linux', 'firefox', [url]],
    [{ BROWSER: 'firefox --new-tab' }, 'linux', 'firefox', ['--new-tab', url]],
    [{ BROWSER: 'chromium %s --incognito:firefox' }, 'linux', 'chromium', [url, '--incognito']],
    [{}, 'linux', 'xdg-open', [url]],
    [{ BROWSER: '' }, 'darwin', 'open', [url]],
    [{}, 'win32', 'cmd', ['/c', 'start', '""', url]],
  ] as const)('%j on %s runs %s', (environment, platform, command, args) => {
    expect(browserCommand(url, environment, platform)).toStrictEqual({ command, args });
  });
});
