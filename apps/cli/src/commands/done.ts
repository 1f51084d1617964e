import type { CommandModule } from './types.js';

export const doneCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('done')
      .description(
        'mark tasks done; each failure is reported, and the exit code is 1 if any failed',
      )
      .argument('<ids...>', 'task ids (42 or #42)')
      .action(async (ids: string[]) => {
        const { done } = await import('./tasks-action.js');
        await done(ctx, ids);
      });
  },
};
