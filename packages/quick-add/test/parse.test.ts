import { describe, expect, it } from 'vitest';
import { DUE_HELP } from '../src/due.js';
import { ESTIMATE_HELP } from '../src/estimate.js';
import { EMPTY_TITLE } from '../src/parse.js';
import { type Case, failure, result, runTable, single } from './table.js';

/**
 * The grammar, one line per case, with the whole expected result. Unless a case says otherwise,
 * now is Friday 6 March 2026, 11:00 in Europe/Berlin (CET, UTC+1); due instants are worked out
 * by hand, with the Berlin wall clock beside them. test/due.test.ts has the date table.
 */

const tooLongTitle = 'a'.repeat(201);
const emojiTitle = '🚀'.repeat(200); // 200 characters (code points), 400 UTF-16 units
const tagSoup = `Tag soup ${Array.from({ length: 21 }, (_, i) => `@t${i + 1}`).join(' ')}`;
const first20Tags = Array.from({ length: 20 }, (_, i) => `t${i + 1}`);
const category50 = 'c'.repeat(50);
const tag30 = 't'.repeat(30);

/** Nothing in the line is a token. */
const literal = (name: string, line: string, title = line): Case => ({
  name,
  line,
  expected: () => result({ title }),
});

/** `Ship <word>`, where the word is refused with `message` and leaves the title. */
const refused = (name: string, word: string, message: string): Case => ({
  name,
  line: `Ship ${word}`,
  expected: (at) => result({ title: 'Ship', errors: [failure(at(word), message)] }),
});

const unknownPriority = (word: string): string =>
  `Unknown priority "${word}": use !low, !medium, !high, !urgent or !1 (urgent) to !4 (low); ` +
  `write \\${word} to keep it in the title`;

const cases: Case[] = [
  {
    name: 'the issue example',
    line: 'Fix login redirect #backend !high due:fri ~45m',
    expected: () =>
      result({
        title: 'Fix login redirect',
        category: 'backend',
        priority: 'high',
        due_at: '2026-03-06T22:59:59.999Z', // Fri 6 Mar 23:59:59.999 CET: today is Friday
        estimated_minutes: 45,
        tokens: [
          { kind: 'category', value: 'backend', text: '#backend', start: 19, end: 27 },
          { kind: 'priority', value: 'high', text: '!high', start: 28, end: 33 },
          {
            kind: 'due',
            value: '2026-03-06T22:59:59.999Z',
            allDay: true,
            text: 'due:fri',
            start: 34,
            end: 41,
          },
          { kind: 'estimate', value: 45, text: '~45m', start: 42, end: 46 },
        ],
      }),
  },
  {
    name: 'tokens anywhere; the title keeps the other words in order',
    line: '#backend Fix ~2h the !1 login @api bug',
    expected: (at) =>
      result({
        title: 'Fix the login bug',
        category: 'backend',
        priority: 'urgent',
        estimated_minutes: 120,
        tags: ['api'],
        tokens: [
          { kind: 'category', value: 'backend', ...at('#backend') },
          { kind: 'estimate', value: 120, ...at('~2h') },
          { kind: 'priority', value: 'urgent', ...at('!1') },
          { kind: 'tag', value: 'api', ...at('@api') },
        ],
      }),
  },
  literal('a plain title', 'Write the migration'),
  literal(
    'whitespace of any kind is collapsed',
    '  Write\tthe \u00A0 migration  ',
    'Write the migration',
  ),
  {
    name: 'unicode title; offsets count UTF-16 units (the emoji is two)',
    line: 'Überprüfe den Zahlungsfluss 🚀 #zahlungen/eu @ui',
    expected: () =>
      result({
        title: 'Überprüfe den Zahlungsfluss 🚀',
        category: 'zahlungen/eu',
        tags: ['ui'],
        tokens: [
          { kind: 'category', value: 'zahlungen/eu', text: '#zahlungen/eu', start: 31, end: 44 },
          { kind: 'tag', value: 'ui', text: '@ui', start: 45, end: 48 },
        ],
      }),
  },
  {
    name: 'a category in any script',
    line: '修复登录 #后端 !2',
    expected: (at) =>
      result({
        title: '修复登录',
        category: '后端',
        priority: 'high',
        tokens: [
          { kind: 'category', value: '后端', ...at('#后端') },
          { kind: 'priority', value: 'high', ...at('!2') },
        ],
      }),
  },
  single(
    'issue numbers (#12, no letter) stay in the title',
    'Fix issue #12 and #3.1 #backend',
    'Fix issue #12 and #3.1',
    '#backend',
    { kind: 'category', value: 'backend' },
  ),
  literal(
    'C#, a shebang, ## and a lone # stay in the title',
    'Port C# script #!/bin/sh ## # to bash',
  ),
  single(
    'a category with digits, dots, dashes and a slash',
    'Plan #2026-q1.infra/api',
    'Plan',
    '#2026-q1.infra/api',
    { kind: 'category', value: '2026-q1.infra/api' },
  ),
  literal(
    'an email address and a scoped npm package stay in the title',
    'Mail bob@example.com about @types/node',
  ),
  {
    name: 'tags are lower-cased and merged, every occurrence is a token',
    line: 'Review @API @api @v2.x @Api',
    expected: (at) =>
      result({
        title: 'Review',
        tags: ['api', 'v2.x'],
        tokens: [
          { kind: 'tag', value: 'api', ...at('@API') },
          { kind: 'tag', value: 'api', ...at('@api') },
          { kind: 'tag', value: 'v2.x', ...at('@v2.x') },
          { kind: 'tag', value: 'api', ...at('@Api') },
        ],
      }),
  },
  literal(
    'a backslash keeps a token literal and is dropped',
    'Explain \\#notacategory \\@here \\!important \\~5m \\due:fri',
    'Explain #notacategory @here !important ~5m due:fri',
  ),
  literal('other backslashes are left alone', 'Clean C:\\temp and \\\\#x'),
  ...(
    [
      ['!URGENT', 'urgent'],
      ['!Medium', 'medium'],
      ['!3', 'medium'],
      ['!4', 'low'],
    ] as const
  ).map(([word, priority]) =>
    single(`priority ${word} is ${priority}`, `Tidy ${word} up`, 'Tidy up', word, {
      kind: 'priority',
      value: priority,
    }),
  ),
  literal('!, !!! and != stay in the title', 'Ship it !!! if a != b !'),
  ...(
    [
      ['~1h30m', 90],
      ['~1.5h', 90],
      ['~90', 90],
      ['~1:30', 90],
      ['~45min', 45],
      ['~1H30', 90],
      ['~0.01h', 1], // 0.6 minutes, rounded to the minute
      ['~100000', 100_000],
    ] as const
  ).map(([word, minutes]) =>
    single(`estimate ${word} is ${minutes} minutes`, `Estimate me ${word}`, 'Estimate me', word, {
      kind: 'estimate',
      value: minutes,
    }),
  ),
  literal('~ paths and ~user stay in the title', 'Clean ~/src and ~ for ~user'),
  single(
    'due: ignores case (phones capitalise the first letter)',
    'Due:Tomorrow call mom',
    'call mom',
    'Due:Tomorrow',
    { kind: 'due', value: '2026-03-07T22:59:59.999Z', allDay: true },
  ), // Sat 7 Mar 23:59:59.999 CET
  {
    name: 'a category and a tag at their length limits',
    line: `Limits #${category50} @${tag30}`,
    expected: (at) =>
      result({
        title: 'Limits',
        category: category50,
        tags: [tag30],
        tokens: [
          { kind: 'category', value: category50, ...at(`#${category50}`) },
          { kind: 'tag', value: tag30, ...at(`@${tag30}`) },
        ],
      }),
  },
  literal('a 200-character title of emoji is within the limit', emojiTitle),

  // Errors: each spans the word it is about; the word leaves the title.
  {
    name: 'a second category is an error',
    line: 'Fix #backend #frontend',
    expected: (at) =>
      result({
        title: 'Fix',
        category: 'backend',
        tokens: [{ kind: 'category', value: 'backend', ...at('#backend') }],
        errors: [failure(at('#frontend'), 'A task has one category: #backend came first')],
      }),
  },
  {
    name: 'a second due date is an error',
    line: 'Ship due:fri due:mon',
    expected: (at) =>
      result({
        title: 'Ship',
        due_at: '2026-03-06T22:59:59.999Z', // Fri 6 Mar 23:59:59.999 CET
        tokens: [
          { kind: 'due', value: '2026-03-06T22:59:59.999Z', allDay: true, ...at('due:fri') },
        ],
        errors: [failure(at('due:mon'), 'A task has one due date: due:fri came first')],
      }),
  },
  {
    name: 'a second estimate is an error',
    line: 'Ship ~1h ~2h',
    expected: (at) =>
      result({
        title: 'Ship',
        estimated_minutes: 60,
        tokens: [{ kind: 'estimate', value: 60, ...at('~1h') }],
        errors: [failure(at('~2h'), 'A task has one estimate: ~1h came first')],
      }),
  },
  {
    name: 'unknown priorities are errors, a later good one counts, a second one is an error',
    line: 'Ship !hihg !5 !high !low',
    expected: (at) =>
      result({
        title: 'Ship',
        priority: 'high',
        tokens: [{ kind: 'priority', value: 'high', ...at('!high') }],
        errors: [
          failure(at('!hihg'), unknownPriority('!hihg')),
          failure(at('!5'), unknownPriority('!5')),
          failure(at('!low'), 'A task has one priority: !high came first'),
        ],
      }),
  },
  ...['~0m', '~0', '~0h'].map((word) =>
    refused(`a zero estimate, ${word}`, word, 'An estimate is at least 1 minute'),
  ),
  refused('an estimate over the API limit', '~100001', 'An estimate is at most 100,000 minutes'),
  ...['~5x', '~1.5m', '~1:75', '~1h30s'].map((word) =>
    refused(`${word} is not an estimate`, word, `"${word}" is not an estimate: ${ESTIMATE_HELP}`),
  ),
  refused(
    'a due date not understood',
    'due:someday',
    `"someday" is not a date I understand; ${DUE_HELP}`,
  ),
  ...['due:', 'due:""', 'due:" "'].map((word) =>
    refused(`an empty ${word}`, word, `due: needs a date; ${DUE_HELP}`),
  ),
  refused(
    'a quote left open takes the rest of the line',
    'due:"next monday #backend',
    'The due date "… has no closing quote',
  ),
  refused(
    'text glued to the closing quote',
    'due:"fri"x',
    `Put a space after the due date's closing quote: due:"fri"x`,
  ),
  refused(
    'a category over 50 characters',
    `#${category50}x`,
    'A category has at most 50 characters',
  ),
  refused('a tag over 30 characters', `@${tag30}x`, 'A tag has at most 30 characters'),
  {
    name: 'a 21st tag',
    line: tagSoup,
    expected: (at) =>
      result({
        title: 'Tag soup',
        tags: first20Tags,
        // The first "@t2" in the line is the word @t2 itself (it comes before @t20).
        tokens: first20Tags.map((t) => ({ kind: 'tag' as const, value: t, ...at(`@${t}`) })),
        errors: [failure(at('@t21'), 'A task has at most 20 tags')],
      }),
  },
  {
    name: 'only tokens: the title is empty',
    line: '#backend !high',
    expected: (at) =>
      result({
        title: '',
        category: 'backend',
        priority: 'high',
        tokens: [
          { kind: 'category', value: 'backend', ...at('#backend') },
          { kind: 'priority', value: 'high', ...at('!high') },
        ],
        errors: [{ start: 0, end: 14, message: EMPTY_TITLE }],
      }),
  },
  ...['', ' \t '].map((line): Case => ({
    name: `the line ${JSON.stringify(line)}`,
    line,
    expected: () =>
      result({ title: '', errors: [{ start: 0, end: line.length, message: EMPTY_TITLE }] }),
  })),

  {
    name: 'a title over 200 characters',
    line: `${tooLongTitle} ~5m`,
    expected: (at) =>
      result({
        title: tooLongTitle,
        estimated_minutes: 5,
        tokens: [{ kind: 'estimate', value: 5, ...at('~5m') }],
        errors: [
          { start: 0, end: 201, message: 'A title has at most 200 characters; this one has 201' },
        ],
      }),
  },
  {
    name: 'a NUL character in the title',
    line: '#x Bad\u0000name here',
    expected: (at) =>
      result({
        title: 'Bad\u0000name here',
        category: 'x',
        tokens: [{ kind: 'category', value: 'x', ...at('#x') }],
        errors: [{ start: 3, end: 16, message: 'A title cannot contain NUL characters' }],
      }),
  },
];

describe('parseQuickAdd: the grammar', () => {
  it('has a table of at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  runTable(cases);
});
