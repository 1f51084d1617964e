// `devtrackr git hook prepare-commit-msg <file> [source] [sha]`: a `Task: #42` trailer when the
// branch names a task and the message has none. No network: committing must work offline.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { readRepoConfig, taskIdFromBranch } from './branch.js';
import { currentBranch, git, repoRoot, type GitEnv } from './log.js';

export const TASK_TRAILER_KEY = 'Task';

export async function prepareCommitMsg(ctx: CliContext, args: readonly string[]): Promise<void> {
  const file = args[0];
  if (file === undefined || file === '') return;
  const where: GitEnv = { cwd: ctx.io.cwd, env: ctx.io.env };
  try {
    const branch = await currentBranch(where);
    if (branch === undefined) return;
    const config = await readRepoConfig(await repoRoot(where));
    const taskId = taskIdFromBranch(branch, config.branchPattern);
    if (taskId === undefined) return;
    await addTaskTrailer(resolve(where.cwd, file), taskId, where);
  } catch (error) {
    // The commit goes on without the trailer; say why on one line (git shows hook output).
    ctx.out.line(`devtrackr: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Adds the trailer with git's own trailer rules (which paragraph is the trailer block, comment
 * lines, the `---` cut line), and `--if-exists doNothing` so a message that has a `Task:`
 * trailer already (an amend, or one written by hand) is left as it is.
 */
export async function addTaskTrailer(path: string, taskId: number, where: GitEnv): Promise<void> {
  const trailer = `${TASK_TRAILER_KEY}: #${taskId}`;
  await git(
    ['interpret-trailers', '--in-place', '--if-exists', 'doNothing', '--trailer', trailer, path],
    where,
  );
  // On an empty message (the editor is about to open) git writes the trailer on the second
  // line; whatever the user then types on the first would join the trailer's paragraph and
  // make it plain text. One more blank line leaves the subject line and a blank line free.
  const text = await readFile(path, 'utf8');
  if (text.startsWith(`\n${trailer}\n`)) await writeFile(path, `\n${text}`);
}
