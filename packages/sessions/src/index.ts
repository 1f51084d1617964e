// One implementation of the session rule for every reader of timestamped activity: the CLI's
// `git suggest` (commits, with a lead) and the API's editor heartbeats (WakaTime's rule, lead 0).
export {
  formSessions,
  splitByKey,
  type Segment,
  type Session,
  type SessionOptions,
} from './sessions.js';
export { MINUTE_MS, chunk, length, merge, overlaps, subtract, type Interval } from './intervals.js';
