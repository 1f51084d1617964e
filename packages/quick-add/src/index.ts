export { parseQuickAdd } from './parse.js';
export {
  PRIORITIES,
  type Priority,
  type QuickAddError,
  type QuickAddOptions,
  type QuickAddResult,
  type QuickAddToken,
} from './types.js';
