import type { CommandModule } from './types.js';

export interface TasksOptions {
  status?: string;
  all?: boolean;
  priority?: string;
  category?: string;
  tag: string[];
  search?: string;
  dueBy?: string;
  overdue?: boolean;
  workspace?: string;
  project?: string;
  assignee?: string;
  sort?: string;
  limit?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const tasksCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('tasks')
      .description('list your tasks (open ones unless --status or --all), filtered as the API does')
      .option('--status <list>', 'todo, doing, done, or a comma list (default todo,doing)')
      .option('--all', 'every status, done included')
      .option('--priority <list>', 'low, medium, high, urgent, or a comma list')
      .option('--category <name>', 'exactly this category')
      .option('--tag <tag>', 'has this tag (repeat for several: all of them)', collect, [])
      .option('-q, --search <text>', 'title or description contains the text')
      .option('--due-by <date>', 'due on or before this date, in your zone: fri, 2026-03-20')
      .option('--overdue', 'not done and past due')
      .option('--workspace <id>', "only this workspace's tasks")
      .option('--project <id>', "only this project's tasks")
      .option('--assignee <who>', 'a user id, me or none')
      .option(
        '--sort <field>',
        'id, created_at, updated_at, due_at, priority or title; -field reverses',
      )
      .option('--limit <n>', 'at most this many (1 to 200, default 50)')
      .action(async (options: TasksOptions) => {
        const { tasks } = await import('./tasks-action.js');
        await tasks(ctx, options);
      });
  },
};
