/** The public shapes of the quick-add grammar. Field names follow `POST /tasks` (snake_case). */

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface QuickAddOptions {
  /** The reference instant: "today", "fri" and "5pm" are read relative to it. */
  now: Date;
  /** The profile's IANA zone, e.g. "Europe/Berlin"; due dates are wall-clock times in this zone. */
  timeZone: string;
  /** The profile's week start (0 Sunday, 1 Monday, 6 Saturday), for `eow` and "next week". Default 1. */
  weekStartsOn?: 0 | 1 | 6;
}

/** Where a token sits in the line: UTF-16 offsets, as `line.slice(start, end)` takes them. */
interface Span {
  /** Exactly `line.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
}

export type QuickAddToken =
  | (Span & { kind: 'category'; value: string })
  | (Span & { kind: 'tag'; value: string })
  | (Span & { kind: 'priority'; value: Priority })
  | (Span & { kind: 'due'; value: string /* RFC 3339 UTC instant */; allDay: boolean })
  | (Span & { kind: 'estimate'; value: number /* minutes */ });

export interface QuickAddError {
  start: number;
  end: number;
  message: string;
}

export interface QuickAddResult {
  /** The line minus the recognised tokens, whitespace collapsed. */
  title: string;
  category?: string;
  tags?: string[];
  priority?: Priority;
  /** RFC 3339 instant in UTC, ready for `POST /tasks`. */
  due_at?: string;
  estimated_minutes?: number;
  /** In order of appearance. */
  tokens: QuickAddToken[];
  /** Empty when the line can be sent as is. */
  errors: QuickAddError[];
}
