import { describe } from 'vitest';
import { DUE_HELP } from '../src/due.js';
import type { QuickAddOptions } from '../src/index.js';
import { type Case, failure, result, runTable, single } from './table.js';

/**
 * Due dates. Unless a case says otherwise, now is Friday 6 March 2026, 11:00 in Europe/Berlin
 * (CET, UTC+1). Every instant below is worked out by hand from the wall clock in the comment.
 *
 * 2026 clock changes: Berlin springs forward on Sun 29 March at 02:00 CET (01:00Z) and falls
 * back on Sun 25 October at 03:00 CEST (01:00Z); New York springs forward on Sun 8 March at
 * 02:00 EST (07:00Z) and falls back on Sun 1 November at 02:00 EDT (06:00Z).
 */

/** `Task due:<phrase>`: the due date is the only token. */
const due = (
  name: string,
  phrase: string,
  value: string,
  allDay: boolean,
  options?: Partial<QuickAddOptions>,
): Case =>
  single(
    name,
    `Task due:${phrase}`,
    'Task',
    `due:${phrase}`,
    { kind: 'due', value, allDay },
    options,
  );

/** A case whose `due:` word is refused with `message`. */
function refused(name: string, phrase: string, message: string): Case {
  const word = `due:${phrase}`;
  return {
    name,
    line: `Task ${word}`,
    expected: (at) => result({ title: 'Task', errors: [failure(at(word), message)] }),
  };
}

const notUnderstood = (text: string): string => `"${text}" is not a date I understand; ${DUE_HELP}`;

const berlinSpring = { now: new Date('2026-03-28T12:00:00.000Z') }; // Sat 28 Mar 13:00 CET
const berlinAutumn = { now: new Date('2026-10-24T10:00:00.000Z') }; // Sat 24 Oct 12:00 CEST
const newYork = 'America/New_York';
const nySpring = { timeZone: newYork, now: new Date('2026-03-07T17:00:00.000Z') }; // Sat 7 Mar 12:00 EST
const nyAutumn = { timeZone: newYork, now: new Date('2026-10-31T16:00:00.000Z') }; // Sat 31 Oct 12:00 EDT
// Sat 7 Mar 01:00 in Kiritimati (UTC+14), while it is still Friday 6 March in UTC.
const kiritimati = { timeZone: 'Pacific/Kiritimati', now: new Date('2026-03-06T11:00:00.000Z') };

const cases: Case[] = [
  // A date alone is due at the end of that day, in the profile's zone.
  due('tomorrow', 'tomorrow', '2026-03-07T22:59:59.999Z', true), // Sat 7 Mar 23:59:59.999 CET
  due('an ISO date in winter', '2026-12-24', '2026-12-24T22:59:59.999Z', true), // 23:59:59.999 CET
  due('an ISO date in summer', '2026-07-01', '2026-07-01T21:59:59.999Z', true), // 23:59:59.999 CEST
  due('a day-first date, year left out', '24.12.', '2026-12-24T22:59:59.999Z', true), // CET
  due('a day-first date already past this year', '1.3.', '2027-03-01T22:59:59.999Z', true), // CET
  due('a day-first date that is today', '6.3.', '2026-03-06T22:59:59.999Z', true), // CET
  due('a day-first date with a year', '05.06.2026', '2026-06-05T21:59:59.999Z', true), // 5 June CEST
  due('a US month/day date', '12/24', '2026-12-24T22:59:59.999Z', true), // CET
  due('eod', 'eod', '2026-03-06T22:59:59.999Z', true), // Fri 6 Mar 23:59:59.999 CET
  due('curly quotes', '\u201Cnext monday\u201D', '2026-03-09T22:59:59.999Z', true), // Mon 9 Mar

  // Weekdays: the first such day not yet over. Today counts until its end.
  due('the weekday that is today', 'fri', '2026-03-06T22:59:59.999Z', true), // Fri 6 Mar CET
  due('a weekday earlier in the week', 'wed', '2026-03-11T22:59:59.999Z', true), // Wed 11 Mar
  due('a weekday later in the week', 'sun', '2026-03-08T22:59:59.999Z', true), // Sun 8 Mar
  due('today, at an hour already past', '"fri 9am"', '2026-03-13T08:00:00.000Z', false), // Fri 13 Mar 09:00 CET
  due('today, at an hour still ahead', '"fri 5pm"', '2026-03-06T16:00:00.000Z', false), // Fri 6 Mar 17:00 CET
  due('the issue example', '"next monday 5pm"', '2026-03-09T16:00:00.000Z', false), // Mon 9 Mar 17:00 CET

  // A time alone: today if still ahead, else tomorrow.
  due('a time already past today', '9am', '2026-03-07T08:00:00.000Z', false), // Sat 7 Mar 09:00 CET
  due('a time still ahead today', '5pm', '2026-03-06T16:00:00.000Z', false), // Fri 6 Mar 17:00 CET
  due('a time with its own zone', '"5pm UTC"', '2026-03-06T17:00:00.000Z', false), // 17:00 UTC
  due('an RFC 3339 instant', '2026-12-24T17:00Z', '2026-12-24T17:00:00.000Z', false),

  // The week: Monday by default (ISO), or the profile's week start.
  due('eow, weeks from Monday', 'eow', '2026-03-08T22:59:59.999Z', true), // Sun 8 Mar CET
  due('eow, weeks from Sunday', 'eow', '2026-03-07T22:59:59.999Z', true, { weekStartsOn: 0 }), // Sat 7 Mar
  due('eow, weeks from Saturday', 'eow', '2026-03-06T22:59:59.999Z', true, { weekStartsOn: 6 }), // Fri 6 Mar
  due('next week, from Monday', '"next week"', '2026-03-09T22:59:59.999Z', true), // Mon 9 Mar
  due('next week, from Sunday', '"next week"', '2026-03-08T22:59:59.999Z', true, {
    weekStartsOn: 0,
  }), // Sun 8 Mar
  due('next week, from Saturday', '"next week"', '2026-03-07T22:59:59.999Z', true, {
    weekStartsOn: 6,
  }), // Sat 7 Mar

  // Berlin around both changes.
  due(
    'Berlin: tomorrow is the spring-forward day',
    'tomorrow',
    '2026-03-29T21:59:59.999Z',
    true,
    berlinSpring,
  ), // Sun 29 Mar 23:59:59.999 CEST
  due(
    'Berlin: 02:30 does not exist in spring and becomes 03:30',
    '"sun 2:30am"',
    '2026-03-29T01:30:00.000Z',
    false,
    berlinSpring,
  ), // 03:30 CEST
  due(
    'Berlin: in 2 hours across the change is two hours later',
    '"in 2 hours"',
    '2026-03-29T02:30:00.000Z',
    false,
    { now: new Date('2026-03-29T00:30:00.000Z') },
  ), // 01:30 CET + 2 h = 04:30 CEST
  due(
    'Berlin: 02:30 happens twice in autumn; the first counts',
    '"tomorrow 2:30am"',
    '2026-10-25T00:30:00.000Z',
    false,
    berlinAutumn,
  ), // 02:30 CEST
  due(
    'Berlin: tomorrow is the fall-back day',
    'tomorrow',
    '2026-10-25T22:59:59.999Z',
    true,
    berlinAutumn,
  ), // Sun 25 Oct 23:59:59.999 CET

  // New York around both changes.
  due(
    'New York: 02:30 does not exist in spring and becomes 03:30',
    '"tomorrow 2:30am"',
    '2026-03-08T07:30:00.000Z',
    false,
    nySpring,
  ), // 03:30 EDT
  due(
    'New York: Sunday is the spring-forward day',
    'sun',
    '2026-03-09T03:59:59.999Z',
    true,
    nySpring,
  ), // Sun 8 Mar 23:59:59.999 EDT
  due(
    'New York: 01:30 happens twice in autumn; the first counts',
    '"tomorrow 1:30am"',
    '2026-11-01T05:30:00.000Z',
    false,
    nyAutumn,
  ), // 01:30 EDT
  due(
    'New York: tomorrow is the fall-back day',
    'tomorrow',
    '2026-11-02T04:59:59.999Z',
    true,
    nyAutumn,
  ), // Sun 1 Nov 23:59:59.999 EST

  // Far from UTC: already Saturday in Kiritimati while UTC says Friday.
  due('Kiritimati: today is Saturday', 'today', '2026-03-07T09:59:59.999Z', true, kiritimati), // Sat 7 Mar 23:59:59.999 +14
  due('Kiritimati: fri is next week', 'fri', '2026-03-13T09:59:59.999Z', true, kiritimati), // Fri 13 Mar 23:59:59.999 +14

  // Refused.
  refused('part of the phrase is not a date', '"fri lunch"', notUnderstood('fri lunch')),
  refused('a range', '"fri - mon"', notUnderstood('fri - mon')),
  refused('an ISO-looking date with month 13', '2026-13-01', notUnderstood('2026-13-01')),
  refused('31 February', '31.02.', notUnderstood('31.02.')),
  refused('words without a date', '"this week"', notUnderstood('this week')),
  refused('before 1970', '1969-12-31', 'A due date falls between 1970-01-01 and 9999-12-31'),
];

describe('parseQuickAdd: due dates', () => {
  runTable(cases);
});
