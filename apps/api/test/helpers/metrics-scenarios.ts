import type { FastifyInstance } from 'fastify';
import { addAdjustment, addEntry, addTask } from './metrics-fixtures.js';

/**
 * The main metrics fixture ("user A", profile zone UTC, read with now = 2026-03-20T12:00Z and
 * the period 2026-03-01 … 2026-03-20). The expected figures are derived by hand in
 * test/metrics-endpoints.test.ts.
 *
 * | task | category | status | priority | est | actual | created          | completed        | due    |
 * |------|----------|--------|----------|-----|--------|------------------|------------------|--------|
 * | A1   | backend  | done   | high     | 60  | 66     | 03-02 09:00      | 03-03 09:00 (24h)|        |
 * | A2   | backend  | done   | high     | 100 | 80     | 03-02 10:00      | 03-04 22:00 (60h)|        |
 * | A3   | backend  | done   | medium   | 30  | 45     | 03-05 08:00      | 03-05 14:00 (6h) |        |
 * | A4   | frontend | done   | low      | 120 | 120    | 02-20 12:00      | 03-06 12:00(336h)|        |
 * | A5   | frontend | doing  | urgent   | 90  | 40     | 03-10 09:00      |                  | 03-15  |
 * | A6   | —        | todo   | medium   | —   | 0      | 03-12 09:00      |                  | 03-25  |
 * | A7   | —        | done   | medium   | —   | 0      | 03-12 10:00      | 03-12 12:00 (2h) |        |
 * | A8   | backend  | todo   | low      | 45  | 0      | 02-10 09:00      |                  | 03-01  |
 * | A9   | frontend | done   | urgent   | 50  | 0      | 03-08 09:00      | 03-09 21:00 (36h)|        |
 * | A10  | backend  | done   | high     | 40  | 70     | 02-01 09:00      | 02-15 09:00      |        |
 *
 * Entries (UTC): A1 03-02 09:00–10:06 (66 min); A2 03-03 14:00–15:20 (80); A3 03-05
 * 08:00–08:45 (45); A4 02-25 10:00–11:00 (60, before the period) and 03-06 10:00–11:00 (60);
 * A5 03-10 09:00–09:30 (30) plus an adjustment of +10 min at 03-11 12:00; A10 02-10
 * 10:00–11:10 (70, before the period).
 */
export async function seedUserA(app: FastifyInstance, ownerId: number): Promise<void> {
  const task = (f: Parameters<typeof addTask>[2]) => addTask(app, ownerId, f);
  const entry = (taskId: number, from: string, to: string) =>
    addEntry(app, ownerId, taskId, from, to);

  const a1 = await task({
    category: 'backend',
    priority: 'high',
    estimated: 60,
    actual: 66,
    createdAt: '2026-03-02T09:00:00Z',
    completedAt: '2026-03-03T09:00:00Z',
  });
  await entry(a1, '2026-03-02T09:00:00Z', '2026-03-02T10:06:00Z');
  const a2 = await task({
    category: 'backend',
    priority: 'high',
    estimated: 100,
    actual: 80,
    createdAt: '2026-03-02T10:00:00Z',
    completedAt: '2026-03-04T22:00:00Z',
  });
  await entry(a2, '2026-03-03T14:00:00Z', '2026-03-03T15:20:00Z');
  const a3 = await task({
    category: 'backend',
    priority: 'medium',
    estimated: 30,
    actual: 45,
    createdAt: '2026-03-05T08:00:00Z',
    completedAt: '2026-03-05T14:00:00Z',
  });
  await entry(a3, '2026-03-05T08:00:00Z', '2026-03-05T08:45:00Z');
  const a4 = await task({
    category: 'frontend',
    priority: 'low',
    estimated: 120,
    actual: 120,
    createdAt: '2026-02-20T12:00:00Z',
    completedAt: '2026-03-06T12:00:00Z',
  });
  await entry(a4, '2026-02-25T10:00:00Z', '2026-02-25T11:00:00Z');
  await entry(a4, '2026-03-06T10:00:00Z', '2026-03-06T11:00:00Z');
  const a5 = await task({
    category: 'frontend',
    status: 'doing',
    priority: 'urgent',
    estimated: 90,
    actual: 40,
    createdAt: '2026-03-10T09:00:00Z',
    dueAt: '2026-03-15T00:00:00Z',
  });
  await entry(a5, '2026-03-10T09:00:00Z', '2026-03-10T09:30:00Z');
  await addAdjustment(app, ownerId, a5, '2026-03-11T12:00:00Z', 600);
  await task({
    priority: 'medium',
    createdAt: '2026-03-12T09:00:00Z',
    dueAt: '2026-03-25T00:00:00Z',
  });
  await task({
    priority: 'medium',
    createdAt: '2026-03-12T10:00:00Z',
    completedAt: '2026-03-12T12:00:00Z',
  });
  await task({
    category: 'backend',
    priority: 'low',
    estimated: 45,
    createdAt: '2026-02-10T09:00:00Z',
    dueAt: '2026-03-01T00:00:00Z',
  });
  await task({
    category: 'frontend',
    priority: 'urgent',
    estimated: 50,
    createdAt: '2026-03-08T09:00:00Z',
    completedAt: '2026-03-09T21:00:00Z',
  });
  const a10 = await task({
    category: 'backend',
    priority: 'high',
    estimated: 40,
    actual: 70,
    createdAt: '2026-02-01T09:00:00Z',
    completedAt: '2026-02-15T09:00:00Z',
  });
  await entry(a10, '2026-02-10T10:00:00Z', '2026-02-10T11:10:00Z');
}

/**
 * A neighbour with plenty of data on the same days, categories and priorities: a running timer,
 * adjustments, entries crossing midnight, done tasks with estimates (enough for every insights
 * model), overdue tasks. None of it may show in anyone else's figures.
 */
export async function seedNoisyNeighbour(app: FastifyInstance, ownerId: number): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const day = String(1 + i).padStart(2, '0');
    const id = await addTask(app, ownerId, {
      category: i % 3 === 0 ? null : i % 3 === 1 ? 'backend' : 'frontend',
      priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4],
      estimated: 30 + i * 10,
      actual: 40 + i * 7,
      createdAt: `2026-03-${day}T01:00:00Z`,
      completedAt: `2026-03-${day}T20:00:00Z`,
      dueAt: `2026-03-${day}T02:00:00Z`,
    });
    await addEntry(app, ownerId, id, `2026-03-${day}T22:00:00Z`, `2026-03-${day}T23:59:00Z`);
    await addAdjustment(app, ownerId, id, `2026-03-${day}T12:00:00Z`, 900 + i);
  }
  for (let i = 0; i < 6; i++) {
    await addTask(app, ownerId, {
      category: i % 2 ? 'backend' : null,
      status: 'doing',
      priority: 'urgent',
      estimated: 200,
      actual: 10,
      createdAt: '2026-03-05T05:00:00Z',
      dueAt: '2026-03-06T00:00:00Z',
    });
  }
  const running = await addTask(app, ownerId, {
    category: 'backend',
    status: 'doing',
    createdAt: '2026-02-27T00:00:00Z',
  });
  await addEntry(app, ownerId, running, '2026-02-28T23:00:00Z', null);
}
