import type { CommandModule } from './types.js';

export interface ReportOptions {
  days?: string;
  week?: boolean;
  from?: string;
  to?: string;
}

export const reportCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('report')
      .description(
        'summary, weekly score, estimate accuracy per category, and tracked time per day as a bar chart',
      )
      .option('--days <n>', 'the last N local days, today included (default 7)')
      .option('--week', 'this week, in your week (Monday or Sunday first)')
      .option('--from <date>', 'first day, YYYY-MM-DD (with --to)')
      .option('--to <date>', 'last day, YYYY-MM-DD, included (with --from)')
      .action(async (options: ReportOptions) => {
        const { report } = await import('./report-action.js');
        await report(ctx, options);
      });
  },
};
