import type { CommandModule } from './types.js';

// Only commander's declarations here: the Git modules and the SDK load when an action runs.
export const gitCommand: CommandModule = {
  register(program, ctx) {
    const git = program
      .command('git')
      .description(
        'Git integration: hooks that start the right timer, time suggested from commits',
      );

    git
      .command('install')
      .description(
        'add post-checkout and prepare-commit-msg hooks to this repository, chained with any already there',
      )
      .action(async () => {
        const { install } = await import('./git-action.js');
        await install(ctx);
      });

    git
      .command('uninstall')
      .description("remove devtrackr's hooks from this repository, leaving any others as they were")
      .action(async () => {
        const { uninstall } = await import('./git-action.js');
        await uninstall(ctx);
      });

    git
      .command('suggest')
      .description(
        'time entries proposed from your commits (sessions of commits less than --gap apart), not overlapping time already logged',
      )
      .option(
        '--since <date>',
        'commits since this date (anything git log --since takes)',
        '7 days ago',
      )
      .option('--apply', 'create the proposed entries')
      .option(
        '--gap <duration>',
        'commits closer than this form one session (default 2h, or .devtrackr.json sessionGapMinutes)',
      )
      .option(
        '--lead <duration>',
        'time counted before the first commit of a session (default 30m, or .devtrackr.json sessionLeadMinutes)',
      )
      .addHelpText(
        'after',
        `
A session runs from --lead before its first commit to its last commit. Each commit's task is
its "Task: #42" trailer, else the branch it was committed on (HEAD's reflog, which remembers
merged and deleted branches), else the branch it is reachable from; the branch name is read
with the pattern of "devtrackr git install" (.devtrackr.json "branchPattern"). Time between
a commit on one task and the next commit on another goes to the latter. Entries never overlap
time already logged: they are trimmed around it, and pieces under a minute are dropped.
Commits naming no task are listed but never applied.`,
      )
      .action(async (options: { since: string; apply?: boolean; gap?: string; lead?: string }) => {
        const { suggest } = await import('./git-action.js');
        await suggest(ctx, options);
      });

    // What the installed hooks call; not for people, so hidden from help.
    git
      .command('hook', { hidden: true })
      .description('run a devtrackr Git hook (called by the hooks that git install writes)')
      .argument('<name>', 'post-checkout or prepare-commit-msg')
      .argument('[args...]', "the hook's arguments, as git passed them")
      .allowUnknownOption()
      .action(async (name: string, args: string[]) => {
        const { hook } = await import('./git-action.js');
        await hook(ctx, name, args);
      });
  },
};
