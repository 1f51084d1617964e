import type { CommandModule } from './types.js';

export const stopCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('stop')
      .description('stop the running timer (exit 1 when none runs)')
      .action(async () => {
        const { stop } = await import('./start-action.js');
        await stop(ctx);
      });
  },
};
