import type { RequestBody, TimeEntry } from '@devtrackr/client';
import { durationInput, parseDuration } from './duration';
import { addDays, instantOf, isDay, isTime, localDateTime } from './zoneTime';

/** What the entry form holds, exactly as typed (so a failed save keeps it). */
export interface EntryDraft {
  /** Local day of the start, `YYYY-MM-DD`. */
  day: string;
  /** `HH:mm` in the profile's zone. */
  start: string;
  /** `HH:mm`; at or before `start` means the next day (an entry across midnight). */
  end: string;
  /** Typed duration (`1:30`, `90m`…); kept in step with `end`. */
  duration: string;
  note: string;
}

export type DraftField = keyof EntryDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The API's limit on a logged or edited interval. */
export const MAX_ENTRY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

export const emptyDraft = (day: string): EntryDraft => ({
  day,
  start: '',
  end: '',
  duration: '',
  note: '',
});

/** An entry as the form shows it, in `timeZone`. A running entry has no end yet. */
export function draftFromEntry(entry: TimeEntry, timeZone: string): EntryDraft {
  const start = localDateTime(entry.started_at, timeZone);
  const end = entry.ended_at === null ? undefined : localDateTime(entry.ended_at, timeZone);
  const seconds = entry.duration_seconds;
  return {
    day: start.day,
    start: start.time,
    end: end?.time ?? '',
    duration: seconds === null || entry.source === 'adjustment' ? '' : durationInput(seconds / 60),
    note: entry.note ?? '',
  };
}

/** The end instant typed as a time: on the start's day, or the next one when not after it. */
function endFromTime(day: string, start: number, end: string, timeZone: string): number {
  const sameDay = instantOf(day, end, timeZone);
  return sameDay > start ? sameDay : instantOf(addDays(day, 1), end, timeZone);
}

export type Resolved =
  { ok: true; startedAt: string; endedAt: string } | { ok: false; errors: DraftErrors };

/**
 * The interval a draft names, or what is missing. Only the form's own rules are checked here
 * (something typed, in a shape that parses); the API judges the rest (future, overlap, 24 h)
 * and its errors land on the same fields.
 */
export function resolveDraft(draft: EntryDraft, timeZone: string): Resolved {
  const errors: DraftErrors = {};
  if (!isDay(draft.day)) errors.day = 'Enter a date';
  if (!isTime(draft.start)) errors.start = 'Enter a start time';
  const minutes = parseDuration(draft.duration);
  if (draft.end === '' && draft.duration.trim() === '') {
    errors.end = 'Enter an end time or a duration';
  } else if (draft.end !== '' && !isTime(draft.end)) {
    errors.end = 'Enter an end time';
  } else if (draft.end === '' && minutes === undefined) {
    errors.duration = 'Write it as 1:30, 90m or 1.5h';
  } else if (draft.end === '' && minutes !== undefined && minutes < 1) {
    errors.duration = 'At least 1 minute';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const start = instantOf(draft.day, draft.start, timeZone);
  // The end time wins when both are there: the form keeps them in step, and a time is what
  // was typed last if the duration no longer parses.
  const end =
    draft.end !== ''
      ? endFromTime(draft.day, start, draft.end, timeZone)
      : start + (minutes ?? 0) * MINUTE_MS;
  return {
    ok: true,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(end).toISOString(),
  };
}

/**
 * The draft after one field changed, with end and duration kept in step: a new duration moves
 * the end; a new end, start or day recomputes the duration (in instants, so a DST night's
 * 23 or 25 hours are counted as they were lived).
 */
export function changeDraft(
  draft: EntryDraft,
  field: DraftField,
  value: string,
  timeZone: string,
): EntryDraft {
  const next = { ...draft, [field]: value };
  if (field === 'note' || !isDay(next.day) || !isTime(next.start)) return next;
  const start = instantOf(next.day, next.start, timeZone);
  if (field === 'duration') {
    const minutes = parseDuration(value);
    if (minutes !== undefined && minutes >= 1 && minutes <= MAX_ENTRY_MINUTES) {
      next.end = localDateTime(start + minutes * MINUTE_MS, timeZone).time;
    }
    return next;
  }
  if (isTime(next.end)) {
    const end = endFromTime(next.day, start, next.end, timeZone);
    next.duration = durationInput((end - start) / MINUTE_MS);
  }
  return next;
}

/** A note as the API stores it: blank is no note. */
export const noteValue = (note: string): string | null => (note.trim() === '' ? null : note);

export type EntryEditable = 'all' | 'note' | 'start-and-note';

/** What an entry's form may change: an adjustment only its note, a running entry not its end. */
export function editableOf(entry: TimeEntry): EntryEditable {
  if (entry.source === 'adjustment') return 'note';
  return entry.ended_at === null ? 'start-and-note' : 'all';
}

/**
 * The PATCH body for an edit: only what changed, so an untouched start keeps its seconds (the
 * form shows minutes) and an untouched note is not rewritten.
 */
export function entryPatch(
  initial: EntryDraft,
  result: { draft: EntryDraft; startedAt: string; endedAt: string },
  editable: EntryEditable,
): RequestBody<'/time-entries/{id}', 'patch'> {
  const { draft } = result;
  const patch: RequestBody<'/time-entries/{id}', 'patch'> = {};
  if (draft.note !== initial.note) patch.note = noteValue(draft.note);
  if (editable === 'note') return patch;
  const startChanged = draft.day !== initial.day || draft.start !== initial.start;
  if (startChanged) patch.started_at = result.startedAt;
  const endChanged = draft.end !== initial.end || draft.duration !== initial.duration;
  if (editable === 'all' && (startChanged || endChanged)) patch.ended_at = result.endedAt;
  return patch;
}
