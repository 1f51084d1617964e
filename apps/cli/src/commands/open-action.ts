import { spawn } from 'node:child_process';
import type { CliContext } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { taskIdOf } from '../lib/resolve-task.js';

/**
 * The command that opens `url`: $BROWSER (the first of a colon-separated list; `%s` stands for
 * the URL, else it is appended), or the platform's opener.
 */
export function browserCommand(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } {
  const browser = env.BROWSER?.split(':')[0]?.trim();
  if (browser !== undefined && browser !== '') {
    const [command = browser, ...rest] = browser.split(/\s+/);
    const args = rest.some((arg) => arg.includes('%s'))
      ? rest.map((arg) => arg.replaceAll('%s', url))
      : [...rest, url];
    return { command, args };
  }
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Starts the opener detached (a browser may run long after we exit); fails only if it cannot start. */
async function launch(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<void> {
  const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  child.unref();
}

export async function open(
  ctx: CliContext,
  idText: string | undefined,
  options: { print?: boolean },
): Promise<void> {
  let path = '/';
  if (idText !== undefined) {
    const id = taskIdOf(idText);
    if (id === undefined)
      throw new UsageError(`${idText} is not a task id (give a number, like 42)`);
    path = `/tasks/${id}`;
  }
  const url = await ctx.webUrl(path);
  if (options.print === true) {
    if (ctx.json) ctx.out.json({ url, opened: false });
    else ctx.out.line(url);
    return;
  }
  const { command, args } = browserCommand(url, ctx.io.env);
  try {
    await launch(command, args, ctx.io.env);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot open a browser (${reason}); the page is ${url}`, 1, 'no_browser');
  }
  if (ctx.json) ctx.out.json({ url, opened: true });
  else ctx.out.line(`Opened ${url}`);
}
