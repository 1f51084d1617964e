// `devtrackr git hook post-checkout <prev> <new> <flag>`: a branch that names a task starts (or
// switches to) that task's timer. Whatever happens it prints at most one line and exits 0: a
// hook must never block or fail the checkout.
import type { CliContext } from '../context.js';
import { CliError, isApiError } from '../errors.js';
import { readRepoConfig, taskIdFromBranch } from './branch.js';
import { currentBranch, repoRoot, type GitEnv } from './log.js';

/** Per API call; the checkout waits for the hook, so a slow server must not hold it long. */
export const HOOK_TIMEOUT_MS = 3000;

const PREFIX = 'devtrackr:';

export async function postCheckout(ctx: CliContext, args: readonly string[]): Promise<void> {
  // Flag 0 is a file checkout (`git checkout -- file`): the branch did not change.
  if (args[2] !== '1') return;
  const where: GitEnv = { cwd: ctx.io.cwd, env: ctx.io.env };
  let taskId: number | undefined;
  try {
    const branch = await currentBranch(where);
    if (branch === undefined) return;
    const config = await readRepoConfig(await repoRoot(where));
    taskId = taskIdFromBranch(branch, config.branchPattern);
    if (taskId === undefined) return;
    ctx.out.line(await startTimer(ctx, taskId));
  } catch (error) {
    ctx.out.line(`${PREFIX} ${await explain(ctx, error, taskId)}`);
  }
}

/** Starts the timer, or says nothing changed; the line to print ('' when nothing to say). */
async function startTimer(ctx: CliContext, taskId: number): Promise<string> {
  const client = await ctx.client();
  const timeoutMs = HOOK_TIMEOUT_MS;
  const { data: timer } = await client.GET('/timer', { timeoutMs });
  if (timer.running && timer.task?.id === taskId) {
    return `${PREFIX} timer already running on #${taskId} ${timer.task.title}`;
  }
  // The API stops a timer running on another task in the same transaction: one call switches.
  const { data: task } = await client.POST('/tasks/{id}/start-timer', {
    params: { path: { id: taskId } },
    timeoutMs,
  });
  const previous =
    timer.running && timer.task !== null ? ` (stopped #${timer.task.id} ${timer.task.title})` : '';
  return `${PREFIX} timer started on #${task.id} ${task.title}${previous}`;
}

/** One line for any failure; never a stack trace, never an exit code other than 0. */
async function explain(
  ctx: CliContext,
  error: unknown,
  taskId: number | undefined,
): Promise<string> {
  const what = taskId === undefined ? '' : ` on #${taskId}`;
  if (isApiError(error)) {
    if (error.status === 0) {
      const url = await ctx.baseUrl().catch(() => 'the server');
      const reason = error.code === 'timeout' ? 'no answer in time' : 'cannot reach it';
      return `${url}: ${reason}, timer not started${what}`;
    }
    if (error.status === 401)
      return `not signed in (run devtrackr login), timer not started${what}`;
    if (error.status === 404) return `task${what.replace(' on', '')} not found, timer not started`;
    return `${error.title}: ${error.detail} (${error.code}), timer not started${what}`;
  }
  if (error instanceof CliError) return `${error.message}, timer not started${what}`;
  return `${error instanceof Error ? error.message : String(error)}, timer not started${what}`;
}
