import type { DueContext } from './due.js';
import { formatLimit, lengthInCodePoints, LIMITS } from './limits.js';
import { scanWords, type Word } from './scan.js';
import type { QuickAddOptions, QuickAddResult } from './types.js';
import { classifyWord, type TokenValue } from './words.js';
import { assertTimeZone } from './zone.js';

const NOUNS: Record<TokenValue['kind'], string> = {
  category: 'category',
  tag: 'tag',
  priority: 'priority',
  due: 'due date',
  estimate: 'estimate',
};

export const EMPTY_TITLE =
  'A task needs a title: add some words besides the #category, @tags, !priority, ~estimate and due: date';

/**
 * Parses one quick-add line such as `Fix login redirect #backend !high due:fri ~45m` into the
 * fields of `POST /tasks`, the tokens to show as chips, and what was not understood. Pure and
 * synchronous: call it on every keystroke. Throws a RangeError only for bad options (an invalid
 * `now`, an unknown `timeZone`), never for what the user typed.
 */
export function parseQuickAdd(line: string, options: QuickAddOptions): QuickAddResult {
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('parseQuickAdd: options.now is an invalid Date');
  assertTimeZone(options.timeZone);
  const due: DueContext = {
    nowMs,
    timeZone: options.timeZone,
    weekStartsOn: options.weekStartsOn ?? 1,
  };

  const result: QuickAddResult = { title: '', tokens: [], errors: [] };
  const titleWords: Word[] = [];
  for (const word of scanWords(line)) {
    const meaning = classifyWord(word.text, due);
    if (meaning.kind === 'text') {
      titleWords.push({ ...word, text: meaning.text });
      continue;
    }
    // A word meant as a token leaves the title even when it is wrong: fixing it must not
    // leave a stray `!hihg` in the task's name.
    const fail = (message: string): number =>
      result.errors.push({ start: word.start, end: word.end, message });
    if (meaning.kind === 'error') {
      fail(meaning.message);
      continue;
    }
    const problem = accept(result, meaning);
    if (problem !== undefined) {
      fail(problem);
      continue;
    }
    result.tokens.push({ ...meaning, text: word.text, start: word.start, end: word.end });
  }
  setTitle(result, titleWords, line);
  return result;
}

/** Adds a token's value to the fields; returns why it cannot be added. */
function accept(result: QuickAddResult, token: TokenValue): string | undefined {
  if (token.kind === 'tag') {
    const tags = result.tags ?? [];
    if (!tags.includes(token.value)) {
      if (tags.length >= LIMITS.tagsMax) {
        return `A task has at most ${formatLimit(LIMITS.tagsMax)} tags`;
      }
      tags.push(token.value);
    }
    result.tags = tags;
    return undefined;
  }
  // Every other kind is one per task: a second one is reported, never silently dropped.
  const first = result.tokens.find((t) => t.kind === token.kind);
  if (first) return `A task has one ${NOUNS[token.kind]}: ${first.text} came first`;
  switch (token.kind) {
    case 'category':
      result.category = token.value;
      break;
    case 'priority':
      result.priority = token.value;
      break;
    case 'due':
      result.due_at = token.value;
      break;
    case 'estimate':
      result.estimated_minutes = token.value;
      break;
  }
  return undefined;
}

/** The words left over, in order, one space apart; with the API's checks on a title. */
function setTitle(result: QuickAddResult, words: Word[], line: string): void {
  result.title = words.map((w) => w.text).join(' ');
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) {
    result.errors.push({ start: 0, end: line.length, message: EMPTY_TITLE });
    return;
  }
  const span = { start: first.start, end: last.end };
  const length = lengthInCodePoints(result.title);
  if (length > LIMITS.titleMax) {
    result.errors.push({
      ...span,
      message: `A title has at most ${formatLimit(LIMITS.titleMax)} characters; this one has ${formatLimit(length)}`,
    });
  }
  // PostgreSQL text cannot hold NUL, so the API refuses it.
  if (result.title.includes('\u0000')) {
    result.errors.push({ ...span, message: 'A title cannot contain NUL characters' });
  }
}
