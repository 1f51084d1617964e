import { describe, expect, it } from 'vitest';
import { parseWhen, WHEN_HELP } from '../src/lib/when.js';

/** Wednesday 4 March 2026, 11:00 in Berlin (CET, UTC+1). */
const now = new Date('2026-03-04T10:00:00.000Z');
const berlin = { now, timeZone: 'Europe/Berlin' };

const at = (text: string, ctx = berlin): string => {
  const outcome = parseWhen(text, ctx);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.at.toISOString();
};

describe('parseWhen', () => {
  it.each([
    ['yesterday 14:00', '2026-03-03T13:00:00.000Z'], // Tue 14:00 CET
    ['fri 9am', '2026-02-27T08:00:00.000Z'], // the last Friday, not the coming one
    ['sat 9am', '2026-02-28T08:00:00.000Z'], // chrono's nearest Saturday is ahead (7 March)
    ['mon 9am', '2026-03-02T08:00:00.000Z'], // two days back
    ['wed 9am', '2026-03-04T08:00:00.000Z'], // today, earlier
    ['wed 12:00', '2026-02-25T11:00:00.000Z'], // today's is still ahead: last week's
    ['10:30', '2026-03-04T09:30:00.000Z'], // today
    ['13:00', '2026-03-03T12:00:00.000Z'], // still ahead today: yesterday's
    ['2 hours ago', '2026-03-04T08:00:00.000Z'],
    ['30 minutes ago', '2026-03-04T09:30:00.000Z'],
    ['now', '2026-03-04T10:00:00.000Z'],
    ['2026-03-01 08:00', '2026-03-01T07:00:00.000Z'], // a full date stays where it is
    ['  yesterday   14:00 ', '2026-03-03T13:00:00.000Z'],
  ])('%j is %s', (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it('reads the wall clock in the profile zone, not the machine zone', () => {
    // New York is UTC-5 in early March (summer time starts on 8 March 2026).
    expect(at('yesterday 14:00', { now, timeZone: 'America/New_York' })).toBe(
      '2026-03-03T19:00:00.000Z',
    );
  });

  it('uses the offset the day had, across a clock change', () => {
    // Monday 30 March 2026, 12:00 CEST (UTC+2); Berlin went to summer time on Sunday 29 March.
    const after = { now: new Date('2026-03-30T10:00:00.000Z'), timeZone: 'Europe/Berlin' };
    expect(at('sat 10:00', after)).toBe('2026-03-28T09:00:00.000Z'); // still CET (UTC+1)
    expect(at('yesterday 10:00', after)).toBe('2026-03-29T08:00:00.000Z'); // CEST (UTC+2)
  });

  it('honours an offset the text names', () => {
    expect(at('9am UTC')).toBe('2026-03-04T09:00:00.000Z');
  });

  it('asks for a time of day when only a day is given', () => {
    expect(parseWhen('yesterday', berlin)).toStrictEqual({
      error: '"yesterday" has no time of day: say when it started, e.g. "yesterday 9am"',
    });
  });

  it.each(['banana', 'fri lunch', 'sometime'])('refuses %j, naming the forms', (text) => {
    expect(parseWhen(text, berlin)).toStrictEqual({
      error: `"${text}" is not a time I understand; ${WHEN_HELP}`,
    });
  });

  it('refuses an empty time and a range', () => {
    expect(parseWhen('  ', berlin)).toStrictEqual({ error: `--at needs a time; ${WHEN_HELP}` });
    expect(parseWhen('9am - 10am', berlin)).toStrictEqual({
      error: `"9am - 10am" is a range; give one time, ${WHEN_HELP}`,
    });
  });
});
