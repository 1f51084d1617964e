import type { ScenarioRequest } from '../load.js';
import type { BenchUser, Fixture } from './fixture.js';
import { BENCH_PASSWORD } from './modes.js';

export type { ScenarioRequest };

/** Which issue-7 throughput target a scenario is held to (ratio to the ceiling's req/s). */
export type RatioTarget = 'crud' | 'list' | null;

export interface Scenario {
  name: string;
  title: string;
  connections: number;
  mode: 'shared' | 'perConnection';
  sequences: ScenarioRequest[][];
  ratioTarget: RatioTarget;
  /** Requests sql-trace.ts sends to show one unit of work (a timer pair is two). */
  traceRequests?: number;
  /** Running timers of these users are removed before each run (the timer scenario). */
  resetTimersOf?: number[];
  note?: string;
}

const auth = (u: { token: string }): Record<string, string> => ({
  authorization: `Bearer ${u.token}`,
});
const json = (u: { token: string }): Record<string, string> => ({
  ...auth(u),
  'content-type': 'application/json',
});

/** Request i goes to user i mod U and to that user's task (i div U) mod K: no hot row. */
function spread(
  users: BenchUser[],
  make: (user: BenchUser, task: number, i: number) => ScenarioRequest,
): ScenarioRequest[] {
  const perUser = Math.max(1, ...users.map((u) => u.tasks.length));
  const out: ScenarioRequest[] = [];
  for (let i = 0; i < users.length * perUser; i++) {
    const user = users[i % users.length]!;
    const task = user.tasks[Math.floor(i / users.length) % user.tasks.length]!;
    out.push(make(user, task, i));
  }
  return out;
}

const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const CATEGORIES = ['backend', 'frontend', 'devops', 'docs', 'testing'] as const;
const TAGS = ['bug', 'feature', 'api', 'ui', 'db', 'perf'] as const;
const LIST_FILTERS = ['status=todo', 'priority=high', 'category=backend', 'tag=bug'] as const;

export function scenarioList(
  fixture: Fixture,
  settings: { connections: number; loginConnections?: number; poolMax?: number },
): Scenario[] {
  const { users, heavy } = fixture;
  const c = settings.connections;
  const dayMs = 86_400_000;
  const timerUsers = users.slice(0, Math.min(users.length, c));
  // Heavy analytics hold a pooled connection for tens of milliseconds of database CPU each: with
  // far more requests in flight than pooled connections, both servers wait past the pool's
  // checkout timeout (DB_CONNECT_TIMEOUT_MS, 2 s) and shed load by design. They run with as many
  // connections as the pool has.
  const heavyConnections = Math.min(c, settings.poolMax ?? c);
  const heavyNote = `, ${heavyConnections} connections (the pool size)`;
  return [
    {
      name: 'hello',
      title: 'GET /hello',
      connections: c,
      mode: 'shared',
      sequences: [users.map((u) => ({ method: 'GET', path: '/hello', headers: auth(u) }))],
      ratioTarget: null,
    },
    {
      name: 'task-get',
      title: 'GET /tasks/{id}',
      connections: c,
      mode: 'shared',
      sequences: [
        spread(users, (u, t) => ({ method: 'GET', path: `/tasks/${t}`, headers: auth(u) })),
      ],
      ratioTarget: 'crud',
    },
    {
      name: 'tasks-list',
      title: 'GET /tasks?limit=50&<filter>',
      connections: c,
      mode: 'shared',
      sequences: [
        users.flatMap((u, i) =>
          LIST_FILTERS.map((_, j) => ({
            method: 'GET' as const,
            path: `/tasks?limit=50&${LIST_FILTERS[(i + j) % LIST_FILTERS.length]!}`,
            headers: auth(u),
          })),
        ),
      ],
      ratioTarget: 'list',
      note: 'typical users; the filter rotates over status, priority, category and tag',
    },
    {
      name: 'tasks-first-page',
      title: 'GET /tasks?limit=50 (heavy, offset 0)',
      connections: c,
      mode: 'shared',
      sequences: [[{ method: 'GET', path: '/tasks?limit=50', headers: auth(heavy) }]],
      ratioTarget: 'list',
      note: `the heavy user (${heavy.taskCount} tasks); X-Total-Count counts them all`,
    },
    {
      name: 'tasks-deep-cursor',
      title: 'GET /tasks?limit=50&cursor= (heavy, deep)',
      connections: c,
      mode: 'shared',
      sequences: [
        heavy.deepCursors.map((cursor) => ({
          method: 'GET' as const,
          path: `/tasks?limit=50&cursor=${encodeURIComponent(cursor)}`,
          headers: auth(heavy),
        })),
      ],
      ratioTarget: 'list',
      note: 'cursors positioned 50 % to 98 % through the heavy user’s tasks',
    },
    {
      name: 'task-create',
      title: 'POST /tasks',
      connections: c,
      mode: 'shared',
      sequences: [
        Array.from({ length: users.length * 10 }, (_, i) => {
          const u = users[i % users.length]!;
          return {
            method: 'POST' as const,
            path: '/tasks',
            headers: json(u),
            body: JSON.stringify({
              title: `Bench task ${i}`,
              description: 'Created by the benchmark.',
              category: CATEGORIES[i % CATEGORIES.length],
              priority: PRIORITIES[i % PRIORITIES.length],
              tags: [TAGS[i % TAGS.length], TAGS[(i + 1) % TAGS.length]],
              estimated_minutes: 30 + (i % 8) * 15,
              due_at: new Date(Date.now() + (1 + (i % 30)) * dayMs).toISOString(),
            }),
          };
        }),
      ],
      ratioTarget: 'crud',
    },
    {
      name: 'task-patch',
      title: 'PATCH /tasks/{id}',
      connections: c,
      mode: 'shared',
      sequences: [
        spread(users, (u, t, i) => ({
          method: 'PATCH',
          path: `/tasks/${t}`,
          headers: json(u),
          body: JSON.stringify({
            title: `Renamed by the benchmark ${i}`,
            priority: PRIORITIES[i % PRIORITIES.length],
          }),
        })),
      ],
      ratioTarget: 'crud',
    },
    {
      name: 'timer-pair',
      title: 'POST start-timer + stop-timer',
      connections: c,
      mode: 'perConnection',
      // One user per connection (a user has one running timer), walking the user's tasks.
      sequences: timerUsers.map((u) =>
        u.tasks.flatMap((t) => [
          { method: 'POST' as const, path: `/tasks/${t}/start-timer`, headers: auth(u) },
          { method: 'POST' as const, path: `/tasks/${t}/stop-timer`, headers: auth(u) },
        ]),
      ),
      ratioTarget: null,
      traceRequests: 2,
      resetTimersOf: timerUsers.map((u) => u.id),
      note: 'one user per connection; req/s counts each start and each stop',
    },
    {
      name: 'metrics-summary',
      title: 'GET /metrics/summary (typical)',
      connections: c,
      mode: 'shared',
      sequences: [
        users.map((u) => ({ method: 'GET', path: '/metrics/summary', headers: auth(u) })),
      ],
      ratioTarget: null,
      note: 'default period (30 days)',
    },
    {
      name: 'metrics-weekly',
      title: 'GET /metrics/weekly (typical)',
      connections: c,
      mode: 'shared',
      sequences: [users.map((u) => ({ method: 'GET', path: '/metrics/weekly', headers: auth(u) }))],
      ratioTarget: null,
      note: 'default 4 weeks',
    },
    {
      name: 'metrics-summary-heavy',
      title: 'GET /metrics/summary (heavy)',
      connections: heavyConnections,
      mode: 'shared',
      sequences: [[{ method: 'GET', path: '/metrics/summary', headers: auth(heavy) }]],
      ratioTarget: null,
      note: `default period (30 days)${heavyNote}`,
    },
    {
      name: 'metrics-weekly-heavy',
      title: 'GET /metrics/weekly (heavy)',
      connections: heavyConnections,
      mode: 'shared',
      sequences: [[{ method: 'GET', path: '/metrics/weekly', headers: auth(heavy) }]],
      ratioTarget: null,
      note: `default 4 weeks${heavyNote}`,
    },
    {
      name: 'login',
      title: 'POST /auth/login',
      connections: settings.loginConnections ?? c,
      mode: 'shared',
      sequences: [
        users.map((u) => ({
          method: 'POST',
          path: '/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: u.email, password: BENCH_PASSWORD }),
        })),
      ],
      ratioTarget: null,
      note:
        'argon2id at m=19 MiB, t=2; fewer connections: DevTrackr hashes as many at a time as there are cores (at most 4) and queues 8, ' +
        'and past that answers 503 by design',
    },
  ];
}

export interface LatencyProbe {
  name: string;
  title: string;
  requests: ScenarioRequest[];
}

const METRICS_90_DAYS = [
  'summary',
  'categories',
  'weekly',
  'time-efficiency',
  'productivity-trends',
  'priorities',
  'insights',
] as const;

/** Sequential (one at a time, unloaded) probes for the issue-4 and issue-6 p50 figures. */
export function latencyProbes(fixture: Fixture): LatencyProbe[] {
  const { heavy } = fixture;
  return [
    {
      name: 'tasks-first-page',
      title: 'GET /tasks?limit=50 (heavy, offset 0)',
      requests: [{ method: 'GET', path: '/tasks?limit=50', headers: auth(heavy) }],
    },
    {
      name: 'tasks-deep-cursor',
      title: 'GET /tasks?limit=50&cursor= (heavy, deep)',
      requests: heavy.deepCursors.map((cursor) => ({
        method: 'GET' as const,
        path: `/tasks?limit=50&cursor=${encodeURIComponent(cursor)}`,
        headers: auth(heavy),
      })),
    },
    ...METRICS_90_DAYS.map((endpoint) => ({
      name: `metrics-${endpoint}-90d`,
      title: `GET /metrics/${endpoint}?days=90 (heavy)`,
      requests: [
        { method: 'GET' as const, path: `/metrics/${endpoint}?days=90`, headers: auth(heavy) },
      ],
    })),
  ];
}
