import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import { EXIT_OK, EXIT_USAGE, reportError } from './errors.js';
import type { CliIo } from './io.js';
import { colorEnabled, Output } from './output.js';

/** From package.json, read once: `../package.json` from both src/ (tests) and dist/ (the bin). */
export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The whole program, commands registered, output going to `io`. Exported for completions and tests. */
export function buildProgram(io: CliIo, out: Output): { program: Command; ctx: CliContext } {
  const program = new Command('devtrackr');
  const ctx = createContext(io, out, () => program.opts<GlobalOptions>());
  program
    .description('Tasks and timers from the terminal, and Git that starts the right timer')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--json', 'machine-readable output on stdout')
    .option(
      '--url <url>',
      'the DevTrackr server (default: DEVTRACKR_URL, the saved one, or http://127.0.0.1:8000)',
    )
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .hook('preAction', () => {
      out.setColor(colorEnabled(io, program.opts<GlobalOptions>().color === false));
    });
  for (const command of COMMANDS) command.register(program, ctx);
  applySettings(program, io);
  return { program, ctx };
}

/**
 * Every command throws instead of exiting and writes to `io`. Applied to the whole tree after
 * registration, so a command made with `new Command()` + addCommand behaves the same.
 */
function applySettings(command: Command, io: CliIo): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  for (const sub of command.commands) applySettings(sub, io);
}

/** Runs the CLI once; returns the exit code (never calls process.exit). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const out = new Output(io);
  const { program, ctx } = buildProgram(io, out);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help / version) through configureOutput.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error, ctx);
  }
}
