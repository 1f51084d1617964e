import { describe, expect, it } from 'vitest';
import { matchOf, taskIdOf, taskRefOf } from '../src/lib/resolve-task.js';

describe('taskIdOf', () => {
  it.each([
    ['42', 42],
    ['#42', 42],
    [' 7 ', 7],
    ['2147483647', 2_147_483_647],
  ])('%j is the id %i', (text, id) => {
    expect(taskIdOf(text)).toBe(id);
  });

  it.each(['0', '#', '042', '-1', '4.2', '2147483648', '12345678901', 'login', '42 login'])(
    '%j is no id',
    (text) => {
      expect(taskIdOf(text)).toBeUndefined();
    },
  );
});

describe('taskRefOf', () => {
  it('reads a number as an id', () => {
    expect(taskRefOf('#12')).toStrictEqual({ id: 12 });
  });

  it('reads anything else as a search term, whitespace collapsed', () => {
    expect(taskRefOf('  login   redirect ')).toStrictEqual({ search: 'login redirect' });
    expect(taskRefOf('42 login')).toStrictEqual({ search: '42 login' });
  });
});

describe('matchOf', () => {
  it('takes the only match', () => {
    expect(matchOf([{ id: 3 }])).toStrictEqual({ kind: 'one', task: { id: 3 } });
  });

  it('says none for none, and lists several', () => {
    expect(matchOf([])).toStrictEqual({ kind: 'none' });
    expect(matchOf([{ id: 3 }, { id: 4 }])).toStrictEqual({
      kind: 'many',
      tasks: [{ id: 3 }, { id: 4 }],
    });
  });
});
