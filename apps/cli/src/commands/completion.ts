import { Argument } from 'commander';
import type { CommandModule } from './types.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const completionCommand: CommandModule = {
  register(program, ctx) {
    program
      .command('completion')
      .description('print a shell completion script (commands, subcommands and options)')
      .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
      .addHelpText(
        'after',
        [
          '',
          'Install:',
          '  bash  echo \'eval "$(devtrackr completion bash)"\' >> ~/.bashrc',
          '  zsh   devtrackr completion zsh > "${fpath[1]}/_devtrackr"',
          '  fish  devtrackr completion fish > ~/.config/fish/completions/devtrackr.fish',
        ].join('\n'),
      )
      .action(async (shell: Shell) => {
        const { completionScript } = await import('./completion-script.js');
        ctx.out.line(completionScript(shell, program));
      });
  },
};
