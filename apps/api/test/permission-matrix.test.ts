import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  can,
  POLICY,
  ROUTE_RULES,
  type Role,
  type RouteRule,
} from '../src/modules/workspaces/workspaces.policy.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import {
  PROJECT_CASES,
  SCOPE_CASES,
  TASK_CASES,
  WORKSPACE_CASES,
  type Case,
  type ScopeCase,
} from './helpers/matrix-cases.js';
import {
  buildWorld,
  call,
  limitedToken,
  ROLES,
  setMembership,
  setSeeTeamTime,
  type Target,
  type World,
} from './helpers/matrix-fixtures.js';
import { METRICS_CASES, TIME_CASES } from './helpers/matrix-time-cases.js';

/**
 * The permission matrix of issue 15, from one table: every route of the app has a rule in
 * ROUTE_RULES (a route without one fails here, so no future route ships unguarded), and every
 * workspace route is sent for every role (owner, admin, member, viewer of W) to W and to X, a
 * workspace the caller is not in. X is always a 404, exactly like a missing thing. In W the
 * expected outcome comes from the policy: `can(role, rule)` allowed → the route's success status;
 * refused → 403 `forbidden` naming POLICY[rule].min. Ownership (a member deletes the tasks they
 * created) and the members_see_team_time setting (reading the others' time) are variants below.
 */

const CASES: Case[] = [
  ...WORKSPACE_CASES,
  ...PROJECT_CASES,
  ...TASK_CASES,
  ...TIME_CASES,
  ...METRICS_CASES,
];

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const name = (c: Case | ScopeCase) => (c.label ? `${c.route} (${c.label})` : c.route);
const ruleOf = (c: Case): RouteRule => c.action ?? ROUTE_RULES[c.route] ?? 'none';

interface Outcome {
  status: number;
  body: { code?: string; required_role?: string } | null;
}

function outcomeOf(c: Case, res: LightMyRequestResponse): Outcome {
  if (c.outcome) return c.outcome(res) as Outcome;
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return { status: res.statusCode, body: isJson && res.body !== '' ? res.json() : null };
}

/** What went wrong with one request, or null. */
function judge(
  c: Case,
  target: Target,
  role: Role,
  sees: boolean,
  res: LightMyRequestResponse,
): string | null {
  const { status, body } = outcomeOf(c, res);
  const got = `${status} ${body?.code ?? ''} ${body?.required_role ?? ''}`.trim();
  if (target === 'X') return status === 404 ? null : `expected 404, got ${got}`;
  const rule = ruleOf(c);
  if (rule === 'none') return `has no workspace rule`;
  const allowed = can(role, rule, { own: c.own === true, membersSeeTeamTime: sees });
  if (!allowed) {
    const min = POLICY[rule].min;
    const ok = status === 403 && body?.code === 'forbidden' && body.required_role === min;
    return ok ? null : `expected 403 forbidden naming ${min} (${rule}), got ${got}`;
  }
  if (status !== c.ok) return `expected ${c.ok} (${rule}), got ${got}: ${res.body.slice(0, 200)}`;
  try {
    c.check?.(res, w, role, can(role, 'time.others.read', { membersSeeTeamTime: sees }));
  } catch (err) {
    return (err as Error).message;
  }
  return null;
}

/** Sends every case for every role to W and X; returns the failures and how many were sent. */
async function runMatrix(cases: Case[], sees: boolean): Promise<{ failures: string[]; n: number }> {
  const failures: string[] = [];
  let n = 0;
  for (const c of cases) {
    for (const role of ROLES) {
      for (const target of ['W', 'X'] as const) {
        const req = await c.build(w, target, role);
        const res = await call(t.app, w.users[role].headers, req);
        await c.after?.(w, target, role);
        n += 1;
        const problem = judge(c, target, role, sees, res);
        if (problem) failures.push(`${name(c)} as ${role} in ${target}: ${problem}`);
      }
    }
  }
  return { failures, n };
}

describe('permission matrix: the table', () => {
  it('names every route the app registers, and nothing else', () => {
    const routes = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    const missing = [...routes].filter((r) => !(r in ROUTE_RULES)).sort();
    const stale = Object.keys(ROUTE_RULES).filter((r) => !routes.has(r));
    expect(missing, 'routes without a rule in ROUTE_RULES').toEqual([]);
    expect(stale, 'ROUTE_RULES entries that are not routes').toEqual([]);
    expect(routes.size).toBeGreaterThan(60);
  });

  it('has a matrix case for every route with a workspace rule', () => {
    const covered = new Set([...CASES, ...SCOPE_CASES].map((c) => c.route));
    const uncovered = Object.entries(ROUTE_RULES)
      .filter(([route, rule]) => rule !== 'none' && !covered.has(route))
      .map(([route]) => route);
    expect(uncovered).toEqual([]);
    // A case for a route the table does not know would test nothing.
    expect([...covered].filter((r) => !(r in ROUTE_RULES))).toEqual([]);
  });

  it('every rule names an action of the policy', () => {
    for (const [route, rule] of Object.entries(ROUTE_RULES)) {
      expect(rule === 'none' || rule in POLICY, route).toBe(true);
    }
  });
});

describe('permission matrix: every route × role × own or other workspace', () => {
  it('members_see_team_time off (the default)', async () => {
    const { failures, n } = await runMatrix(CASES, false);
    expect(failures).toEqual([]);
    expect(n).toBe(CASES.length * ROLES.length * 2);
  }, 300_000);

  it('members_see_team_time on: the cases that read the others’ time', async () => {
    const setting = CASES.filter((c) => c.setting === true);
    expect(setting.length).toBeGreaterThan(5);
    await setSeeTeamTime(t.app, w.W.id, true);
    try {
      const { failures } = await runMatrix(setting, true);
      expect(failures).toEqual([]);
    } finally {
      await setSeeTeamTime(t.app, w.W.id, false);
    }
  }, 120_000);

  it('routes without a workspace in the request show W’s data and never X’s', async () => {
    const failures: string[] = [];
    for (const c of SCOPE_CASES) {
      for (const role of ROLES) {
        const res = await call(t.app, w.users[role].headers, c.build(w));
        if (res.statusCode !== c.ok) {
          failures.push(`${name(c)} as ${role}: expected ${c.ok}, got ${res.statusCode}`);
          continue;
        }
        try {
          c.check(res, w.W, w.X);
        } catch (err) {
          failures.push(`${name(c)} as ${role}: ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('permission matrix: a token limited to another workspace', () => {
  // W's owner also joins X (as a viewer) and makes a token limited to X: on W, that token gets
  // what a stranger gets, a 404 everywhere (account routes refuse every token first).
  let headers: Record<string, string>;
  beforeAll(async () => {
    await setMembership(t.app, w.X.id, w.users.owner.id, 'viewer');
    headers = await limitedToken(t.app, w.users.owner, w.X.id);
  });
  afterAll(async () => {
    await setMembership(t.app, w.X.id, w.users.owner.id, null);
  });

  const refusedToken = (res: LightMyRequestResponse) =>
    res.statusCode === 403 && res.json<{ code: string }>().code === 'insufficient_scope';

  it('works in X', async () => {
    const res = await call(t.app, headers, { method: 'GET', url: `/workspaces/${w.X.id}` });
    expect(res.statusCode).toBe(200);
  });

  it('gets 404 for every workspace route on W, even as W’s owner', async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const req = await c.build(w, 'W', 'owner');
      const res = await call(t.app, headers, req);
      await c.after?.(w, 'W', 'owner');
      const { status } = outcomeOf(c, res);
      const ok = c.account ? refusedToken(res) : status === 404;
      if (!ok) failures.push(`${name(c)}: ${status} ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('lists X and nothing of W where a route has no workspace parameter', async () => {
    const failures: string[] = [];
    for (const c of SCOPE_CASES) {
      const res = await call(t.app, headers, c.build(w));
      if (c.account) {
        if (!refusedToken(res)) failures.push(`${name(c)}: ${res.statusCode}`);
        continue;
      }
      try {
        expect(res.statusCode).toBe(c.ok);
        c.check(res, w.X, w.W);
      } catch (err) {
        failures.push(`${name(c)}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
