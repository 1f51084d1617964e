import type { CommandModule } from './types.js';

export const startCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('start')
      .description(
        'start a timer on a task; a timer running on another task is stopped first (its time is kept)',
      )
      .argument(
        '[task...]',
        "a task id (42 or #42), or words of one open task's title or description",
      )
      .option('--new <line>', 'create the task from a quick-add line, then start it')
      .action(async (words: string[], options: { new?: string }) => {
        const { start } = await import('./start-action.js');
        await start(ctx, words.join(' '), options);
      });
  },
};
