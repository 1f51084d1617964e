import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/**
 * One command (or command group). register() only declares it on the program; the action
 * should `await import('./x-action.js')` so heavy modules (SDK, chrono) load only when used.
 * Create commands with `program.command(...)` so they inherit the root's output and error
 * settings.
 */
export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}
