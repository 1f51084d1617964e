import type { CommandModule } from './types.js';

export const openCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('open')
      .description('open the web app in a browser ($BROWSER if set), at a task if an id is given')
      .argument('[id]', 'a task id (42 or #42)')
      .option('--print', 'only print the URL')
      .action(async (id: string | undefined, options: { print?: boolean }) => {
        const { open } = await import('./open-action.js');
        await open(ctx, id, options);
      });
  },
};
