import { parseDueWord, type DueContext } from './due.js';
import { parseEstimate } from './estimate.js';
import { formatLimit, lengthInCodePoints, LIMITS, TAG_PATTERN } from './limits.js';
import { DUE_PREFIX } from './scan.js';
import type { Priority, QuickAddToken } from './types.js';

/**
 * What one word means on its own. Rules that need the whole line (one category, at most 20
 * tags) are applied by parse.ts. A word that only looks like a token (`#12`, `C#`, `~/src`,
 * `@types/node`, `!=`) is text, so developers' everyday words survive in the title.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type TokenValue = DistributiveOmit<QuickAddToken, 'text' | 'start' | 'end'>;

export type Meaning =
  TokenValue | { kind: 'text'; text: string } | { kind: 'error'; message: string };

const text = (word: string): Meaning => ({ kind: 'text', text: word });
const error = (message: string): Meaning => ({ kind: 'error', message });

/** `\#x`, `\@x`, `\!x`, `\~x`, `\due:x`: the backslash keeps the rest literal and is dropped. */
const ESCAPED = /^\\(?:[#@!~]|due:)/i;

export function classifyWord(word: string, due: DueContext): Meaning {
  if (ESCAPED.test(word)) return text(word.slice(1));
  if (word.slice(0, DUE_PREFIX.length).toLowerCase() === DUE_PREFIX) {
    const outcome = parseDueWord(word, due);
    return 'error' in outcome ? error(outcome.error) : { kind: 'due', ...outcome };
  }
  const rest = word.slice(1);
  switch (word.charAt(0)) {
    case '#':
      return category(rest) ?? text(word);
    case '@':
      return tag(rest) ?? text(word);
    case '!':
      return priority(rest) ?? text(word);
    case '~':
      return estimate(rest) ?? text(word);
    default:
      return text(word);
  }
}

/** Letters and digits of any script, `-`, `_`, `.`, `/`; at least one letter, so `#12` is an issue number. */
const CATEGORY = /^[\p{L}\p{M}\p{N}_./-]+$/u;
const LETTER = /\p{L}/u;

function category(rest: string): Meaning | undefined {
  if (!CATEGORY.test(rest) || !LETTER.test(rest)) return undefined;
  if (lengthInCodePoints(rest) > LIMITS.categoryMax) {
    return error(`A category has at most ${formatLimit(LIMITS.categoryMax)} characters`);
  }
  return { kind: 'category', value: rest };
}

/** The API's tag characters; stored lower-cased, as the API would store them anyway. */
function tag(rest: string): Meaning | undefined {
  if (!TAG_PATTERN.test(rest)) return undefined;
  if (rest.length > LIMITS.tagMax) {
    return error(`A tag has at most ${formatLimit(LIMITS.tagMax)} characters`);
  }
  return { kind: 'tag', value: rest.toLowerCase() };
}

/** Names, and Todoist's numbers: 1 is the most urgent. */
const PRIORITY_WORDS: ReadonlyMap<string, Priority> = new Map([
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['urgent', 'urgent'],
  ['1', 'urgent'],
  ['2', 'high'],
  ['3', 'medium'],
  ['4', 'low'],
]);
/** Only `!` + letters or digits claims to be a priority: `!`, `!!!` and `!=` stay text. */
const PRIORITY_LIKE = /^[\p{L}\p{N}]+$/u;

function priority(rest: string): Meaning | undefined {
  if (!PRIORITY_LIKE.test(rest)) return undefined;
  const value = PRIORITY_WORDS.get(rest.toLowerCase());
  if (value !== undefined) return { kind: 'priority', value };
  return error(
    `Unknown priority "!${rest}": use !low, !medium, !high, !urgent or !1 (urgent) to !4 (low); ` +
      `write \\!${rest} to keep it in the title`,
  );
}

/** Only `~` + a digit claims to be an estimate: `~`, `~/src` and `~user` stay text. */
function estimate(rest: string): Meaning | undefined {
  if (!/^\d/.test(rest)) return undefined;
  const outcome = parseEstimate(rest);
  return 'error' in outcome ? error(outcome.error) : { kind: 'estimate', value: outcome.minutes };
}
