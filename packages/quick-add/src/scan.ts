/**
 * Splits a quick-add line into words with their offsets. Words are separated by whitespace,
 * except `due:"next monday 5pm"`: a quote right after `due:` runs to its closing quote, so a
 * natural-language date can hold spaces. A missing closing quote takes the rest of the line,
 * which the due parser then reports as one error instead of scattering words into the title.
 */

export interface Word {
  text: string;
  /** UTF-16 offsets into the line. */
  start: number;
  end: number;
}

export const DUE_PREFIX = 'due:';

/** Opening quote → closing quote: straight quotes, and the curly ones phones and macOS type. */
export const DUE_QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\u201C', '\u201D'],
]);

const SPACE = /\s/;

/** The closing quote to look for when a quoted `due:` starts at `start`. */
function quoteCloser(line: string, start: number): string | undefined {
  const prefix = line.slice(start, start + DUE_PREFIX.length).toLowerCase();
  return prefix === DUE_PREFIX ? DUE_QUOTES.get(line.charAt(start + DUE_PREFIX.length)) : undefined;
}

export function scanWords(line: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    if (SPACE.test(line.charAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    const closer = quoteCloser(line, start);
    if (closer !== undefined) {
      const close = line.indexOf(closer, start + DUE_PREFIX.length + 1);
      i = close === -1 ? line.length : close + 1;
    }
    // Text glued to a closing quote stays in the word, so `due:"fri"x` is an error, not a date.
    while (i < line.length && !SPACE.test(line.charAt(i))) i += 1;
    words.push({ text: line.slice(start, i), start, end: i });
  }
  return words;
}
