import { describe, expect, it } from 'vitest';
import { DEFAULT_REPO_CONFIG } from '../src/git/branch.js';
import type { Commit } from '../src/git/log.js';
import {
  commitSpan,
  planSuggestions,
  taskIdFromTrailer,
  type PlanInput,
} from '../src/git/suggest.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0); // 2026-03-02 09:00Z
const iso = (offsetMin: number) => new Date(T0 + offsetMin * MIN).toISOString();

let n = 0;
function commit(offsetMin: number, extra: Partial<Commit> = {}): Commit {
  n += 1;
  return {
    sha: `sha${n}`,
    time: T0 + offsetMin * MIN,
    subject: `commit ${n}`,
    taskTrailers: [],
    source: 'refs/heads/main',
    ...extra,
  };
}

function plan(overrides: Partial<PlanInput>) {
  return planSuggestions({
    commits: [],
    reflogBranches: new Map(),
    branchPattern: DEFAULT_REPO_CONFIG.branchPattern,
    gapMinutes: 120,
    leadMinutes: 30,
    logged: [],
    now: T0 + 10_000 * MIN,
    ...overrides,
  });
}

describe('taskIdFromTrailer', () => {
  it.each([
    ['#42', 42],
    ['42', 42],
    ['DT-42', 42],
    [' #7 ', 7],
  ])('%s is task %i', (value, id) => {
    expect(taskIdFromTrailer(value)).toBe(id);
  });

  it.each(['#0', 'abc', '#42 and more', ''])('%s is no task', (value) => {
    expect(taskIdFromTrailer(value)).toBeUndefined();
  });
});

describe('planSuggestions', () => {
  it('one session on a task branch: the lead before the first commit to the last', () => {
    const commits = [0, 40, 100].map((m) => commit(m, { source: 'refs/heads/feat/42-x' }));
    expect(plan({ commits })).toEqual([
      {
        task_id: 42,
        started_at: iso(-30),
        ended_at: iso(100),
        minutes: 130,
        commits: 3,
        branch: 'feat/42-x',
        note: 'git: 3 commits on feat/42-x',
      },
    ]);
  });

  it('the Task: trailer wins over the branch; the reflog branch over --source', () => {
    const a = commit(0, { taskTrailers: ['#7'], source: 'refs/heads/feat/42-x' });
    const b = commit(30, { source: 'refs/heads/main' });
    const reflogBranches = new Map([[b.sha, 'dt-9']]);
    expect(
      plan({ commits: [a, b], reflogBranches }).map((s) => [s.task_id, s.started_at, s.ended_at]),
    ).toEqual([
      [7, iso(-30), iso(0)],
      [9, iso(0), iso(30)],
    ]);
  });

  it('commits naming no task make an unassigned suggestion', () => {
    const [s] = plan({ commits: [commit(0, { source: 'refs/heads/main' })] });
    expect(s).toMatchObject({ task_id: null, branch: 'main', note: 'git: 1 commit on main' });
  });

  it('sessions split at the gap; a session is trimmed around logged time', () => {
    const commits = [0, 60, 90, 300].map((m) => commit(m, { taskTrailers: ['42'], source: '' }));
    const logged = [{ start: T0 + 10 * MIN, end: T0 + 20 * MIN }];
    expect(
      plan({ commits, logged }).map((s) => [s.started_at, s.ended_at, s.minutes, s.note]),
    ).toEqual([
      [iso(-30), iso(10), 40, 'git: 3 commits'],
      [iso(20), iso(90), 70, 'git: 3 commits'],
      [iso(270), iso(300), 30, 'git: 1 commit'],
    ]);
  });

  it('drops pieces shorter than a minute, and everything after now', () => {
    const commits = [commit(0, { taskTrailers: ['5'] }), commit(50, { taskTrailers: ['5'] })];
    const logged = [{ start: T0 - 29.5 * MIN, end: T0 + 20 * MIN }];
    expect(
      plan({ commits, logged, now: T0 + 40 * MIN }).map((s) => [s.started_at, s.ended_at]),
    ).toEqual([[iso(20), iso(40)]]);
  });

  it('a session longer than 24 h is cut into entries of at most 24 h', () => {
    const commits = Array.from({ length: 31 }, (_, k) => commit(k * 60, { taskTrailers: ['3'] }));
    const spans = plan({ commits }).map((s) => [s.started_at, s.ended_at]);
    expect(spans).toEqual([
      [iso(-30), iso(-30 + 24 * 60)],
      [iso(-30 + 24 * 60), iso(30 * 60)],
    ]);
  });

  it('the configured gap and lead', () => {
    const commits = [0, 50].map((m) => commit(m, { taskTrailers: ['1'] }));
    expect(
      plan({ commits, gapMinutes: 45, leadMinutes: 10 }).map((s) => [s.started_at, s.ended_at]),
    ).toEqual([
      [iso(-10), iso(0)],
      [iso(40), iso(50)],
    ]);
  });
});

describe('commitSpan', () => {
  it('from the earliest commit minus the lead to just after the latest', () => {
    expect(commitSpan([commit(50), commit(-20), commit(10)], 30)).toEqual({
      start: T0 - 50 * MIN,
      end: T0 + 50 * MIN + 1,
    });
    expect(commitSpan([], 30)).toBeUndefined();
  });
});
