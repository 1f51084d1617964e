import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseQuickAdd,
  type QuickAddError,
  type QuickAddOptions,
  type QuickAddResult,
  type QuickAddToken,
} from '../src/index.js';
import type { TokenValue } from '../src/words.js';

/** Friday 6 March 2026, 11:00 in Berlin (CET, UTC+1). */
export const DEFAULT_OPTIONS: QuickAddOptions = {
  now: new Date('2026-03-06T10:00:00.000Z'),
  timeZone: 'Europe/Berlin',
};

export type Span = Pick<QuickAddToken, 'text' | 'start' | 'end'>;
/** The span of the `nth` occurrence of `text` in the case's line, found with indexOf. */
export type SpanOf = (text: string, nth?: number) => Span;

export interface Case {
  name: string;
  line: string;
  options?: Partial<QuickAddOptions>;
  expected: (at: SpanOf) => QuickAddResult;
}

export function spanIn(line: string): SpanOf {
  return (text, nth = 1) => {
    let start = -1;
    for (let n = 0; n < nth; n += 1) start = line.indexOf(text, start + 1);
    if (start === -1) throw new Error(`"${text}" (#${nth}) is not in the line "${line}"`);
    return { text, start, end: start + text.length };
  };
}

/** An error entry about the word at `span`. */
export const failure = (span: Span, message: string): QuickAddError => ({
  start: span.start,
  end: span.end,
  message,
});

/** A result with no tokens and no errors unless given. */
export const result = (fields: Partial<QuickAddResult> & { title: string }): QuickAddResult => ({
  tokens: [],
  errors: [],
  ...fields,
});

/** The POST /tasks field a token fills. */
function fieldOf(token: TokenValue): Partial<QuickAddResult> {
  switch (token.kind) {
    case 'category':
      return { category: token.value };
    case 'tag':
      return { tags: [token.value] };
    case 'priority':
      return { priority: token.value };
    case 'due':
      return { due_at: token.value };
    case 'estimate':
      return { estimated_minutes: token.value };
  }
}

/** A line with one token, `word`, meaning `token`; the rest of the line is `title`. */
export function single(
  name: string,
  line: string,
  title: string,
  word: string,
  token: TokenValue,
  options?: Partial<QuickAddOptions>,
): Case {
  return {
    name,
    line,
    ...(options ? { options } : {}),
    expected: (at) => result({ title, ...fieldOf(token), tokens: [{ ...token, ...at(word) }] }),
  };
}

/**
 * Machine zones to run every table in. The parser must answer the same everywhere: only the
 * profile's zone counts. Node reads process.env.TZ afresh when it is assigned.
 */
const MACHINE_ZONES = [
  { zone: 'UTC', januaryOffset: 0 },
  { zone: 'Pacific/Kiritimati', januaryOffset: -840 },
  { zone: 'America/Los_Angeles', januaryOffset: 480 },
  { zone: 'Asia/Kathmandu', januaryOffset: -345 },
] as const;

export function runTable(cases: readonly Case[]): void {
  for (const machine of MACHINE_ZONES) {
    describe(`on a machine in ${machine.zone}`, () => {
      const saved = process.env.TZ;
      beforeAll(() => {
        process.env.TZ = machine.zone;
      });
      afterAll(() => {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      });

      it('really runs in that zone', () => {
        expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(machine.januaryOffset);
      });

      it.each(cases)('$name', ({ line, options, expected }) => {
        const actual = parseQuickAdd(line, { ...DEFAULT_OPTIONS, ...options });
        expect(actual).toStrictEqual(expected(spanIn(line)));
      });
    });
  }
}
