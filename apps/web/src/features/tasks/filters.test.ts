import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filtersFromSearch,
  listQuery,
  NO_FILTERS,
  searchWithFilters,
  type TaskFilters,
} from './filters';

const everything: TaskFilters = {
  status: ['todo', 'doing'],
  priority: ['urgent', 'high'],
  category: 'backend',
  tags: ['api', 'v2.x'],
  q: 'login redirect',
  dueFrom: '2025-03-01',
  dueUntil: '2025-03-31',
  overdue: true,
  project: '12',
  assignee: 'me',
  sort: 'due_at',
};

describe('task filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const search = searchWithFilters(new URLSearchParams(), everything);
    expect(search.toString()).toBe(
      'status=todo%2Cdoing&priority=urgent%2Chigh&category=backend&tag=api&tag=v2.x' +
        '&q=login+redirect&due_from=2025-03-01&due_until=2025-03-31&overdue=true&project=12' +
        '&assignee=me&sort=due_at',
    );
    expect(filtersFromSearch(search)).toEqual(everything);
  });

  it('writes nothing for the plain list, so it is plain /tasks', () => {
    expect(searchWithFilters(new URLSearchParams(), NO_FILTERS).toString()).toBe('');
    expect(filtersFromSearch(new URLSearchParams())).toEqual(NO_FILTERS);
  });

  it('keeps parameters it does not own and replaces the ones it does', () => {
    const current = new URLSearchParams('new=1&status=done&q=old');
    const next = searchWithFilters(current, { ...NO_FILTERS, status: ['todo'] });
    expect(next.toString()).toBe('new=1&status=todo');
  });

  it('reads repeated and comma-listed values in the enum order, each once', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('status=done&status=todo,done&priority=LOW,urgent&tag=UI&tag=ui'),
    );
    expect(filters.status).toEqual(['todo', 'done']);
    expect(filters.priority).toEqual(['urgent', 'low']);
    expect(filters.tags).toEqual(['ui']);
  });

  it('drops what the API would refuse, instead of breaking the whole list', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        `status=later&priority=meh&tag=has space&tag=ok&due_from=2025-02-30&due_until=soon&sort=size&overdue=yes&category=${'c'.repeat(51)}&project=0&assignee=everyone`,
      ),
    );
    expect(filters).toEqual({ ...NO_FILTERS, tags: ['ok'] });
  });

  it('counts the filters that narrow the list, not the sort', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, sort: 'title' })).toBe(0);
    expect(activeFilterCount(everything)).toBe(10);
  });
});

describe('the API query', () => {
  it('turns local days into instants in the profile zone, the last day included', () => {
    // Berlin is UTC+1 in March until the 30th (clocks go forward), then UTC+2.
    expect(listQuery(everything, 'Europe/Berlin')).toEqual({
      sort: 'due_at',
      status: ['todo', 'doing'],
      priority: ['urgent', 'high'],
      category: 'backend',
      tag: ['api', 'v2.x'],
      q: 'login redirect',
      due_after: '2025-02-28T23:00:00.000Z',
      due_before: '2025-03-31T22:00:00.000Z',
      overdue: true,
      project_id: 12,
      assignee_id: 'me',
    });
  });

  it('sends only the sort for the plain list', () => {
    expect(listQuery(NO_FILTERS, 'UTC')).toEqual({ sort: '-created_at' });
  });
});
