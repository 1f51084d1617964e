import type { CommandModule } from './types.js';

export const showCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('show')
      .description('one task, all its fields')
      .argument('<id>', 'the task id (42 or #42)')
      .action(async (id: string) => {
        const { show } = await import('./tasks-action.js');
        await show(ctx, id);
      });
  },
};
