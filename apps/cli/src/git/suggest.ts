// `git suggest`: commits → sessions → per-task segments → pieces not yet logged. The planning
// is a function of its inputs (commits, branches, logged intervals, now) so it is tested without
// a server; fetching and applying are the thin parts below it.
import type { DevTrackrClient, TimeEntry } from '@devtrackr/client';
import {
  MINUTE_MS,
  chunk,
  formSessions,
  splitByKey,
  subtract,
  type Interval,
} from '@devtrackr/sessions';

import { taskIdFromBranch } from './branch.js';
import { branchOfSource, type Commit } from './log.js';

/** The API takes a manual entry of at most 24 h. */
const MAX_ENTRY_MS = 24 * 60 * MINUTE_MS;

export interface PlanInput {
  commits: readonly Commit[];
  /** The branch each commit was made on, when known (HEAD's reflog). */
  reflogBranches: ReadonlyMap<string, string>;
  branchPattern: RegExp;
  gapMinutes: number;
  leadMinutes: number;
  /** Time already logged: proposals never overlap it. */
  logged: readonly Interval[];
  /** Nothing is proposed after this instant (the API refuses entries in the future). */
  now: number;
}

export interface Suggestion {
  /** null: no trailer or branch names a task, shown but never applied. */
  task_id: number | null;
  started_at: string;
  ended_at: string;
  minutes: number;
  commits: number;
  /** The branch most of the segment's commits were made on, if known. */
  branch: string | null;
  note: string;
}

interface Attributed {
  commit: Commit;
  time: number;
  task: number | null;
  branch: string | null;
}

/** `#42`, `42`, `DT-42` (any case) in a `Task:` trailer; the first valid one wins. */
export function taskIdFromTrailer(value: string): number | undefined {
  const match = /^(?:#|dt-)?(\d+)$/i.exec(value.trim());
  const id = Number(match?.[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * A commit's task: its `Task:` trailer, else the branch it was made on (reflog), else the ref it
 * is reachable from (`--source`). The trailer wins because the author wrote it for this commit.
 */
function attribute(commit: Commit, input: PlanInput): Attributed {
  const branch = input.reflogBranches.get(commit.sha) ?? branchOfSource(commit.source) ?? null;
  const fromTrailer = commit.taskTrailers.map(taskIdFromTrailer).find((id) => id !== undefined);
  const fromBranch = branch === null ? undefined : taskIdFromBranch(branch, input.branchPattern);
  return { commit, time: commit.time, task: fromTrailer ?? fromBranch ?? null, branch };
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts)
    if (best === null || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

function noteFor(commits: number, branch: string | null): string {
  const what = `git: ${commits} commit${commits === 1 ? '' : 's'}`;
  return (branch === null ? what : `${what} on ${branch}`).slice(0, 500);
}

/** The entries to propose, oldest first: every segment minus logged time, the future and slivers. */
export function planSuggestions(input: PlanInput): Suggestion[] {
  const at = (a: Attributed) => a.time;
  const sessions = formSessions(
    input.commits.map((commit) => attribute(commit, input)),
    at,
    { gapMs: input.gapMinutes * MINUTE_MS, leadMs: input.leadMinutes * MINUTE_MS },
  );
  const blocked: Interval[] = [...input.logged, { start: input.now, end: Infinity }];
  const suggestions: Suggestion[] = [];
  for (const session of sessions) {
    for (const segment of splitByKey(session, (a) => a.task, at)) {
      const branch = mostCommon(segment.events.map((a) => a.branch));
      const pieces = subtract(segment, blocked)
        .filter((piece) => piece.end - piece.start >= MINUTE_MS)
        .flatMap((piece) => chunk(piece, MAX_ENTRY_MS));
      for (const piece of pieces) {
        suggestions.push({
          task_id: segment.key,
          started_at: new Date(piece.start).toISOString(),
          ended_at: new Date(piece.end).toISOString(),
          minutes: Math.round((piece.end - piece.start) / MINUTE_MS),
          commits: segment.events.length,
          branch,
          note: noteFor(segment.events.length, branch),
        });
      }
    }
  }
  return suggestions;
}

/** How far before the first session to look for logged entries that may reach into it. */
const LOOKBACK_MS = MAX_ENTRY_MS;

/**
 * The user's logged intervals that may overlap [from, to). The API filters on `started_at`, so
 * the query starts a day earlier: a manual entry is at most 24 h long. A running timer counts up
 * to `now`; adjustments are instants and block nothing.
 */
export async function fetchLogged(
  client: DevTrackrClient,
  range: Interval,
  now: number,
): Promise<Interval[]> {
  const entries: TimeEntry[] = [];
  const query = {
    from: new Date(range.start - LOOKBACK_MS).toISOString(),
    to: new Date(range.end).toISOString(),
    limit: 200,
    offset: 0,
  };
  for await (const entry of client.paginate('/time-entries', { params: { query } })) {
    entries.push(entry);
  }
  return entries
    .filter((entry) => entry.source !== 'adjustment')
    .map((entry) => ({
      start: Date.parse(entry.started_at),
      end: entry.ended_at === null ? now : Date.parse(entry.ended_at),
    }));
}

/** The span the commits' sessions can cover: the first commit minus the lead, to the last. */
export function commitSpan(commits: readonly Commit[], leadMinutes: number): Interval | undefined {
  if (commits.length === 0) return undefined;
  // A loop, not Math.min(...times): years of history would overflow the argument list.
  let first = Infinity;
  let last = -Infinity;
  for (const { time } of commits) {
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  return { start: first - leadMinutes * MINUTE_MS, end: last + 1 };
}
