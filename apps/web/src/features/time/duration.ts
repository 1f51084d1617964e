// Durations typed by hand in the entry form: `1:30`, `90` (minutes), `90m`, `2h`, `1h30`,
// `1h 30m`, `1.5h`: the forms people type in Toggl and Kimai.

const FORMS: readonly (readonly [RegExp, (m: RegExpExecArray) => number])[] = [
  [/^(\d+)$/, (m) => Number(m[1])],
  [/^(\d+)\s*(?:m|min)$/i, (m) => Number(m[1])],
  [/^(\d+(?:[.,]\d+)?)\s*h$/i, (m) => Math.round(Number(m[1]?.replace(',', '.')) * 60)],
  [/^(\d+)\s*h\s*(\d+)\s*(?:m|min)?$/i, (m) => Number(m[1]) * 60 + Number(m[2])],
  [/^(\d+):([0-5]\d)$/, (m) => Number(m[1]) * 60 + Number(m[2])],
];

/** Whole minutes of a typed duration, or undefined when it is not one of the forms above. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  for (const [pattern, toMinutes] of FORMS) {
    const match = pattern.exec(trimmed);
    if (match !== null) return toMinutes(match);
  }
  return undefined;
}

/** Minutes as the form writes them back: `1:30`, `0:45`. */
export function durationInput(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
