import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser } from './helpers/auth.js';
import { createTasks, listPage } from './helpers/tasks.js';
import { buildFixture, expectedIds, randomBody, rng } from './helpers/tasks-model.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const clock = manualClock(NOW);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

describe('cursor walks while tasks change', () => {
  it.each(['id', '-id', 'title', '-created_at', 'due_at', 'priority'] as const)(
    'inserting and deleting during a walk never repeats or skips the others (sort=%s)',
    async (sort) => {
      const user = await createUser(t.app);
      const own = await buildFixture(t.app, clock, user, { seed: 555, count: 30, now: NOW });
      const r = rng(sort.length);
      const seen: number[] = [];
      const deleted = new Set<number>();
      const inserted = new Set<number>();
      let url: string | undefined = `/tasks?sort=${sort}&limit=4&cursor=`;
      while (url !== undefined) {
        const page = await listPage(t.app, user, url);
        seen.push(...page.ids);
        // Insert two tasks (some sort before the cursor, some after), and delete one task not
        // seen yet plus the last one seen (the cursor's anchor).
        const fresh = await createTasks(t.app, user, [randomBody(r, NOW), randomBody(r, NOW)]);
        for (const f of fresh) inserted.add(f.id);
        const unseen = own.filter((m) => !seen.includes(m.id) && !deleted.has(m.id));
        const victims = [
          r.pick(unseen.length > 0 ? unseen : own),
          own.find((m) => m.id === page.ids.at(-1)),
        ];
        for (const v of victims) {
          if (!v || deleted.has(v.id)) continue;
          await t.app.inject({ method: 'DELETE', url: `/tasks/${v.id}`, headers: user.headers });
          deleted.add(v.id);
        }
        url = page.links.next;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const original = own.map((m) => m.id);
      const seenOriginal = seen.filter((id) => !inserted.has(id));
      // Every original task is seen exactly once unless it was deleted before its page came.
      for (const id of original) {
        if (!deleted.has(id)) expect(seenOriginal, `task ${id}`).toContain(id);
      }
      // The originals come in the model's order.
      const expectedOrder = expectedIds(own, {}, sort, NOW).filter((id) =>
        seenOriginal.includes(id),
      );
      expect(seenOriginal).toEqual(expectedOrder);
    },
  );
});
