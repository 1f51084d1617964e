import { describe, expect, it } from 'vitest';
import { firstPageQuery, linkQuery, nextLink } from '../src/paginate.js';
import { parseRetryAfter } from '../src/errors.js';

describe('Link header', () => {
  it('finds rel="next" among several links, commas inside URLs included', () => {
    const header =
      '</tasks?status=todo,doing&limit=2&offset=0>; rel="first", ' +
      '</tasks?status=todo,doing&limit=2&offset=2>; rel="next", </tasks?offset=0>; rel=prev';
    expect(nextLink(header)).toBe('/tasks?status=todo,doing&limit=2&offset=2');
  });

  it('accepts unquoted and multi-valued rels, and answers undefined without next', () => {
    expect(nextLink('</a?x=1>; rel=next')).toBe('/a?x=1');
    expect(nextLink('</a?x=2>; title="x"; rel="last next"')).toBe('/a?x=2');
    expect(nextLink('</a>; rel="prev"')).toBeUndefined();
    expect(nextLink('</a>')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('turns a link target into a query, repeated keys as arrays', () => {
    expect(linkQuery('/tasks?tag=a&tag=b&tag=c&cursor=abc.def&q=a%20b')).toEqual({
      tag: ['a', 'b', 'c'],
      cursor: 'abc.def',
      q: 'a b',
    });
  });

  it('starts a cursor walk only on keyset lists, and never over a caller choice', () => {
    expect(firstPageQuery('/tasks', { limit: 3 })).toEqual({ limit: 3, cursor: '' });
    expect(firstPageQuery('/tasks', { offset: 10 })).toEqual({ offset: 10 });
    expect(firstPageQuery('/tasks', { cursor: 'c' })).toEqual({ cursor: 'c' });
    expect(firstPageQuery('/time-entries', undefined)).toEqual({});
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
