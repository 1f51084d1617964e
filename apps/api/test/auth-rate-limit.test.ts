import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../src/modules/auth/rate-limit.js';

function store(maxKeys?: number) {
  let now = 1_000_000;
  const s = new MemoryRateLimitStore(() => now, maxKeys);
  const advance = (ms: number) => {
    now += ms;
  };
  return { s, advance };
}

describe('MemoryRateLimitStore (fixed windows)', () => {
  it('counts hits per key within a window and reports the time left', async () => {
    const { s, advance } = store();
    expect(await s.hit('a', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
    advance(10_000);
    expect(await s.hit('a', 60_000)).toEqual({ count: 2, resetMs: 50_000 });
    expect(await s.hit('b', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
  });

  it('starts a new window when the old one ends', async () => {
    const { s, advance } = store();
    await s.hit('a', 1000);
    await s.hit('a', 1000);
    advance(999);
    expect((await s.hit('a', 1000)).count).toBe(3);
    advance(1);
    expect(await s.hit('a', 1000)).toEqual({ count: 1, resetMs: 1000 });
  });

  it('stays bounded: expired windows go first, then the oldest', async () => {
    const { s, advance } = store(10);
    for (let i = 0; i < 10; i++) await s.hit(`old-${i}`, 1000);
    advance(1000);
    for (let i = 0; i < 5; i++) await s.hit(`new-${i}`, 60_000);
    // The expired windows were swept: the live ones kept their counts.
    expect((await s.hit('new-0', 60_000)).count).toBe(2);
    for (let i = 5; i < 30; i++) await s.hit(`new-${i}`, 60_000);
    const size = (s as unknown as { windows: Map<string, unknown> }).windows.size;
    expect(size).toBeLessThanOrEqual(10);
    // The newest key is still counted.
    expect((await s.hit('new-29', 60_000)).count).toBe(2);
  });
});
