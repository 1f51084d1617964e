import type { CommandModule } from './types.js';

export const addCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('add')
      .description(
        'add a task from one quick-add line: "Fix login redirect #backend @ui !high due:fri ~45m"',
      )
      .argument('<line...>', 'the title and any #category @tag !priority due:date ~estimate')
      .action(async (words: string[]) => {
        const { add } = await import('./add-action.js');
        await add(ctx, words.join(' '));
      });
  },
};
