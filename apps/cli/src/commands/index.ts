import { gitCommand } from './git.js';
import { loginCommand, logoutCommand } from './login.js';
import { completionCommand } from './completion.js';
import { startCommand } from './start.js';
import { stopCommand } from './stop.js';
import { statusCommand } from './status.js';
import { logCommand } from './log.js';
import { addCommand } from './add.js';
import { tasksCommand } from './tasks.js';
import { showCommand } from './show.js';
import { doneCommand } from './done.js';
import { editCommand } from './edit.js';
import { reportCommand } from './report.js';
import { openCommand } from './open.js';
import type { CommandModule } from './types.js';

/** Every command of the CLI, in the order `devtrackr --help` lists them. */
export const COMMANDS: CommandModule[] = [
  startCommand,
  stopCommand,
  statusCommand,
  logCommand,
  addCommand,
  tasksCommand,
  showCommand,
  doneCommand,
  editCommand,
  reportCommand,
  openCommand,
  gitCommand,
  loginCommand,
  logoutCommand,
  completionCommand,
];
