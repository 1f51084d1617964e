import type { CommandModule } from './types.js';

export const statusCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('status')
      .description("the running timer, and today's and this week's tracked time")
      .action(async () => {
        const { status } = await import('./start-action.js');
        await status(ctx);
      });
  },
};
