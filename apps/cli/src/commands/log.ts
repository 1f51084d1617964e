import type { CommandModule } from './types.js';

export interface LogOptions {
  task?: string;
  at?: string;
  note?: string;
}

export const logCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('log')
      .description(
        'log time by hand: an entry of DURATION starting --at WHEN, or ending now without --at',
      )
      .argument('<duration>', 'like 1h30m, 45m, 1.5h, 1:30 or 90 (a bare number is minutes)')
      .option('--task <id>', 'the task (default: the one the timer runs on)')
      .option('--at <when>', 'when it started, in your zone: "yesterday 14:00", "fri 9am"')
      .option('--note <text>', 'a note on the entry')
      .action(async (duration: string, options: LogOptions) => {
        const { log } = await import('./log-action.js');
        await log(ctx, duration, options);
      });
  },
};
