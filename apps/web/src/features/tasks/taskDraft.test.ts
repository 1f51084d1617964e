import { describe, expect, it } from 'vitest';
import { conflictOf, draftOf, patchBetween, rebase, type TaskDraft } from './taskDraft';
import { makeTask } from './testTasks';

const zone = 'Europe/Berlin';
const base: TaskDraft = draftOf(
  makeTask(5, {
    title: 'Write docs',
    description: 'For the API',
    category: 'docs',
    tags: ['api', 'v2'],
    priority: 'medium',
    due_at: '2025-06-30T21:59:59.999Z', // the end of 30 June in Berlin (CEST)
    estimated_minutes: 90,
  }),
  zone,
);

describe('the detail form draft', () => {
  it('shows the due instant as the day in the zone, with no time at the end of the day', () => {
    expect(base).toEqual({
      title: 'Write docs',
      description: 'For the API',
      category: 'docs',
      tags: 'api, v2',
      status: 'todo',
      priority: 'medium',
      dueDay: '2025-06-30',
      dueTime: '',
      estimate: '90',
      project: '',
      assignee: '',
    });
  });

  it('patches only what changed, with nulls for what was cleared', () => {
    expect(patchBetween(base, { ...base }, zone)).toEqual({});
    expect(
      patchBetween(
        base,
        {
          ...base,
          title: '  Write the docs ',
          description: '',
          category: ' ',
          tags: '@API v2, ui',
          dueTime: '09:15',
          estimate: '',
        },
        zone,
      ),
    ).toEqual({
      title: 'Write the docs',
      description: null,
      category: null,
      tags: ['api', 'v2', 'ui'],
      due_at: '2025-06-30T07:15:00.000Z',
      estimated_minutes: null,
    });
    expect(patchBetween(base, { ...base, dueDay: '', dueTime: '' }, zone)).toEqual({
      due_at: null,
    });
  });

  it('does not count retyped tags or spaces around a title as changes', () => {
    expect(patchBetween(base, { ...base, tags: 'API,v2', title: 'Write docs ' }, zone)).toEqual({});
  });

  it('lays the fields you changed over the server’s version', () => {
    const mine = { ...base, title: 'Write the docs' };
    const theirs = { ...base, title: 'Write API docs', priority: 'high' as const };
    expect(rebase(base, mine, theirs)).toEqual({
      ...base,
      title: 'Write the docs',
      priority: 'high',
    });
  });

  it('tells the fields both sides changed from those only the server changed', () => {
    const mine = { ...base, title: 'Write the docs', estimate: '120' };
    const theirs = { ...base, title: 'Write API docs', priority: 'high' as const, estimate: '120' };
    expect(conflictOf(base, mine, theirs, zone)).toEqual({
      // The estimate is the same on both sides now: nothing to choose there.
      contested: [
        { field: 'title', label: 'Title', yours: 'Write the docs', theirs: 'Write API docs' },
      ],
      serverOnly: [{ field: 'priority', label: 'Priority', yours: 'Medium', theirs: 'High' }],
    });
  });
});
