import type { CommandModule } from './types.js';

export interface EditOptions {
  title?: string;
  description?: string;
  status?: string;
  priority?: string;
  category?: string;
  tags?: string;
  due?: string;
  estimate?: string;
}

export const editCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('edit')
      .description('change some fields of a task; only the fields given are sent')
      .argument('<id>', 'the task id (42 or #42)')
      .option('--title <text>', 'the new title')
      .option('--description <text>', 'the new description ("" clears it)')
      .option('--status <status>', 'todo, doing or done')
      .option('--priority <priority>', 'low, medium, high or urgent')
      .option('--category <name>', 'the new category ("" clears it)')
      .option('--tags <list>', 'the new tags, comma-separated ("" removes them all)')
      .option('--due <date>', 'due date in your zone: fri, tomorrow 5pm, 2026-12-24 ("" clears it)')
      .option('--estimate <duration>', 'like 45m, 2h, 1h30m ("" clears it)')
      .action(async (id: string, options: EditOptions) => {
        const { edit } = await import('./tasks-action.js');
        await edit(ctx, id, options);
      });
  },
};
