import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestUser } from './auth.js';

/** The task wire format, as the tests read it. */
export interface WireTask {
  id: number;
  workspace_id: number;
  project_id: number | null;
  assignee_id: number | null;
  created_by: number | null;
  owner_id: number | null;
  title: string;
  description: string | null;
  category: string | null;
  status: 'todo' | 'doing' | 'done';
  priority: 'low' | 'medium' | 'high' | 'urgent';
  tags: string[];
  estimated_minutes: number | null;
  actual_minutes: number;
  due_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  timer_started_at: string | null;
}

/** POST /tasks; fails the test unless it answers 201. */
export async function createTask(
  app: FastifyInstance,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<WireTask> {
  const res = await app.inject({
    method: 'POST',
    url: '/tasks',
    headers: user.headers,
    payload: { title: 'a task', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json<WireTask>();
}

/** POST /tasks/bulk with up to 100 bodies; returns the created tasks in order. */
export async function createTasks(
  app: FastifyInstance,
  user: TestUser,
  bodies: Record<string, unknown>[],
): Promise<WireTask[]> {
  const out: WireTask[] = [];
  for (let i = 0; i < bodies.length; i += 100) {
    const res = await app.inject({
      method: 'POST',
      url: '/tasks/bulk',
      headers: user.headers,
      payload: bodies.slice(i, i + 100),
    });
    if (res.statusCode !== 200) throw new Error(`bulk failed: ${res.statusCode} ${res.body}`);
    for (const r of res.json<{ status: number; task?: WireTask; problem?: unknown }[]>()) {
      if (r.status !== 201 || !r.task) throw new Error(`bulk item failed: ${JSON.stringify(r)}`);
      out.push(r.task);
    }
  }
  return out;
}

/** Asserts an RFC 9457 problem+json answer with this status and code. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<{ status: number; code: string }>();
  expect(body.status).toBe(status);
  if (code !== undefined) expect(body.code).toBe(code);
}

/** The `errors[].location` list of a 422. */
export function errorLocations(res: LightMyRequestResponse): string[] {
  return res.json<{ errors?: { location: string }[] }>().errors?.map((e) => e.location) ?? [];
}

/** Parses an RFC 8288 Link header into rel → URL. */
export function parseLinks(header: string | string[] | number | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof header !== 'string') return out;
  for (const part of header.split(/,\s*(?=<)/)) {
    const m = /^<([^>]*)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[2]] = m[1];
  }
  return out;
}

/** GET a list URL and return ids, total and links. */
export async function listPage(
  app: FastifyInstance,
  user: TestUser,
  url: string,
): Promise<{ tasks: WireTask[]; ids: number[]; total: number; links: Record<string, string> }> {
  const res = await app.inject({ method: 'GET', url, headers: user.headers });
  if (res.statusCode !== 200) throw new Error(`list ${url} failed: ${res.statusCode} ${res.body}`);
  const tasks = res.json<WireTask[]>();
  return {
    tasks,
    ids: tasks.map((t) => t.id),
    total: Number(res.headers['x-total-count']),
    links: parseLinks(res.headers.link),
  };
}

/** Follows rel="next" from `url` until there is none; returns every id in order. */
export async function walkPages(
  app: FastifyInstance,
  user: TestUser,
  url: string,
  onPage?: (pageNo: number) => Promise<void>,
): Promise<{ ids: number[]; pages: number; urls: string[] }> {
  const ids: number[] = [];
  const urls: string[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined) {
    urls.push(next);
    const page = await listPage(app, user, next);
    ids.push(...page.ids);
    pages += 1;
    if (pages > 1000) throw new Error('too many pages');
    if (onPage) await onPage(pages);
    next = page.links.next;
  }
  return { ids, pages, urls };
}
