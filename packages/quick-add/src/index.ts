export { parseQuickAdd } from './parse.js';
export { toNewTask, type QuickAddTask } from './task.js';
export { parseMinutes } from './estimate.js';
// The zone arithmetic behind due dates, for other readers of dates in the profile's zone
// (`devtrackr log --at "fri 9am"`), so it is not written twice.
export {
  parseDue,
  type DueOutcome,
  localFields as chronoFields,
  referenceDate as chronoReference,
  wallClockOf as chronoWallClock,
} from './due.js';
export {
  addDays,
  instantOf,
  utcFields,
  wallClockAt,
  type CalendarDate,
  type WallClock,
} from './zone.js';
export {
  PRIORITIES,
  type Priority,
  type QuickAddError,
  type QuickAddOptions,
  type QuickAddResult,
  type QuickAddToken,
} from './types.js';
