import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { manualClock } from './app.js';
import type { TestUser } from './auth.js';
import { createTasks } from './tasks.js';

/**
 * An independent model of the task list: the fixture as the test built it, and the filters and
 * sorts computed in plain TypeScript, to check GET /tasks against.
 */

export type Status = 'todo' | 'doing' | 'done';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface ModelTask {
  id: number;
  title: string;
  description: string | null;
  category: string | null;
  status: Status;
  priority: Priority;
  tags: string[];
  due_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModelQuery {
  status?: Status[];
  priority?: Priority[];
  category?: string;
  tag?: string[];
  q?: string;
  due_before?: string;
  due_after?: string;
  overdue?: boolean;
}

export const STATUSES: Status[] = ['todo', 'doing', 'done'];
export const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'urgent'];
export const SORTS = [
  'id',
  '-id',
  'created_at',
  '-created_at',
  'updated_at',
  '-updated_at',
  'due_at',
  '-due_at',
  'priority',
  '-priority',
  'title',
  '-title',
] as const;
export type Sort = (typeof SORTS)[number];

/** mulberry32: a small seeded PRNG, so the fixture is the same on every run. */
export function rng(seed: number): {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  subset<T>(xs: readonly T[]): T[];
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (xs) => xs[int(xs.length)]!,
    chance: (p) => next() < p,
    subset: (xs) => xs.filter(() => next() < 0.5),
  };
}

export function matches(task: ModelTask, q: ModelQuery, now: Date): boolean {
  if (q.status && !q.status.includes(task.status)) return false;
  if (q.priority && !q.priority.includes(task.priority)) return false;
  if (q.category !== undefined && task.category !== q.category) return false;
  if (q.tag && !q.tag.every((t) => task.tags.includes(t.toLowerCase()))) return false;
  if (q.q !== undefined) {
    const needle = q.q.toLowerCase();
    const inTitle = task.title.toLowerCase().includes(needle);
    const inDescription = task.description?.toLowerCase().includes(needle) ?? false;
    if (!inTitle && !inDescription) return false;
  }
  const due = task.due_at === null ? null : new Date(task.due_at).getTime();
  if (q.due_before !== undefined && (due === null || due >= new Date(q.due_before).getTime())) {
    return false;
  }
  if (q.due_after !== undefined && (due === null || due < new Date(q.due_after).getTime())) {
    return false;
  }
  if (q.overdue !== undefined) {
    const overdue = task.status !== 'done' && due !== null && due < now.getTime();
    if (overdue !== q.overdue) return false;
  }
  return true;
}

const RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The documented orders: ascending with the id breaking ties; `-` reverses everything. */
export function compareFor(sort: Sort): (a: ModelTask, b: ModelTask) => number {
  const field = sort.replace(/^-/, '');
  const base = (a: ModelTask, b: ModelTask): number => {
    let c = 0;
    switch (field) {
      case 'created_at':
        c = cmp(a.created_at, b.created_at);
        break;
      case 'updated_at':
        c = cmp(a.updated_at, b.updated_at);
        break;
      case 'due_at':
        // no due date sorts after every date
        if (a.due_at === null || b.due_at === null) {
          c = a.due_at === b.due_at ? 0 : a.due_at === null ? 1 : -1;
        } else c = cmp(a.due_at, b.due_at);
        break;
      case 'priority':
        c = RANK[a.priority] - RANK[b.priority];
        break;
      case 'title':
        // code-point order (all fixture titles are in the BMP, where UTF-16 order agrees)
        c = cmp(a.title, b.title);
        break;
      default:
        break;
    }
    return c !== 0 ? c : a.id - b.id;
  };
  return sort.startsWith('-') ? (a, b) => -base(a, b) : base;
}

export function expectedIds(tasks: ModelTask[], q: ModelQuery, sort: Sort, now: Date): number[] {
  return tasks
    .filter((t) => matches(t, q, now))
    .sort(compareFor(sort))
    .map((t) => t.id);
}

/** The query string for a model query (status/priority as comma lists). */
export function toSearch(q: ModelQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (q.status) p.append('status', q.status.join(','));
  if (q.priority) p.append('priority', q.priority.join(','));
  if (q.category !== undefined) p.append('category', q.category);
  for (const t of q.tag ?? []) p.append('tag', t);
  if (q.q !== undefined) p.append('q', q.q);
  if (q.due_before !== undefined) p.append('due_before', q.due_before);
  if (q.due_after !== undefined) p.append('due_after', q.due_after);
  if (q.overdue !== undefined) p.append('overdue', String(q.overdue));
  for (const [k, v] of Object.entries(extra)) p.append(k, v);
  return p.toString();
}

export const TITLES = [
  'Fix login bug',
  'fix LOGIN page',
  'Write docs',
  'Refactor API',
  '100% coverage',
  'snake_case names',
  'underscore test',
  'Deploy v2',
  'Review PR',
  'Zebra task',
  'apple pie',
  'Écrire tests',
  'backslash \\ path',
  'Plan sprint',
];
export const DESCRIPTIONS = [
  null,
  null,
  'needs a FIX soon',
  'see 50% done',
  'plain text',
  'mentions snake_case',
  'a\\b',
];
export const CATEGORIES = [null, 'backend', 'frontend', 'ops'];
export const TAGS = ['api', 'bug', 'ui', 'db', 'v2'];

/** A random, valid create body (already normalised: the model compares it as stored). */
export function randomBody(
  r: ReturnType<typeof rng>,
  now: Date,
): Omit<ModelTask, 'id' | 'created_at' | 'updated_at'> {
  const dueHours = r.int(41 * 4) * 6 - 20 * 24; // -20 to +20 days, in 6 h steps (many ties)
  return {
    title: r.pick(TITLES),
    description: r.pick(DESCRIPTIONS),
    category: r.pick(CATEGORIES),
    status: r.pick(STATUSES),
    priority: r.pick(PRIORITIES),
    tags: r.subset(TAGS),
    due_at: r.chance(0.3) ? null : new Date(now.getTime() + dueHours * 3_600_000).toISOString(),
  };
}

/**
 * Creates `count` random tasks in bulk chunks of 10 (each chunk at its own clock time, so
 * created_at has ties), then edits a quarter of them at a few clock times (ties on updated_at).
 * Returns the model of what was stored, built from the inputs, not from the API's answers.
 */
export async function buildFixture(
  app: FastifyInstance,
  clock: ReturnType<typeof manualClock>,
  user: TestUser,
  options: { seed: number; count: number; now: Date },
): Promise<ModelTask[]> {
  const { seed, count, now } = options;
  const r = rng(seed);
  const out: ModelTask[] = [];
  for (let chunk = 0; chunk * 10 < count; chunk++) {
    clock.set(new Date(now.getTime() - 86_400_000 + chunk * 600_000));
    const bodies = Array.from({ length: Math.min(10, count - chunk * 10) }, () =>
      randomBody(r, now),
    );
    const created = await createTasks(app, user, bodies);
    const at = clock().toISOString();
    bodies.forEach((body, i) => {
      out.push({ ...body, id: created[i]!.id, created_at: at, updated_at: at });
    });
  }
  for (let k = 0; k < count / 4; k++) {
    const task = out[r.int(out.length)]!;
    clock.set(new Date(now.getTime() - 3_600_000 + r.int(5) * 60_000));
    const change =
      k % 3 === 0
        ? { priority: r.pick(PRIORITIES) }
        : k % 3 === 1
          ? { status: r.pick(STATUSES) }
          : { title: `Edited ${r.int(3)}` };
    const res = await app.inject({
      method: 'PATCH',
      url: `/tasks/${task.id}`,
      headers: user.headers,
      payload: change,
    });
    expect(res.statusCode).toBe(200);
    Object.assign(task, change, { updated_at: clock().toISOString() });
  }
  clock.set(now);
  return out;
}
