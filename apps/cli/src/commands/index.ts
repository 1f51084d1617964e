import { gitCommand } from './git.js';
import type { CommandModule } from './types.js';

/** Every command of the CLI, in the order `devtrackr --help` lists them. */
export const COMMANDS: CommandModule[] = [gitCommand];
