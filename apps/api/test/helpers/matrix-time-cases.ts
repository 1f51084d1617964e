import type { LightMyRequestResponse } from 'fastify';
import { timeEntries } from '../../src/db/schema/index.js';
import type { Role } from '../../src/modules/workspaces/workspaces.policy.js';
import type { Case } from './matrix-cases.js';
import {
  call,
  dbRunningTimer,
  interval,
  newEntry,
  type Target,
  type World,
} from './matrix-fixtures.js';

/**
 * Time and metrics routes of the permission matrix. Reading another member's time depends on
 * W's members_see_team_time (`setting`): those cases run with it off and on, and `sees` tells
 * the check whether the role may see the others' time at that moment.
 */

const entryIds = (res: LightMyRequestResponse) => res.json<{ id: number }[]>().map((e) => e.id);

/** A finished entry of `role` on W's owner task (a viewer's is written to the database). */
async function ownEntry(w: World, role: Role): Promise<number> {
  if (role !== 'viewer') return newEntry(w.app, w.users[role], w.W.ownerTask);
  const { started_at, ended_at } = { ...intervalDates() };
  const [row] = await w.app.database.db
    .insert(timeEntries)
    .values({
      workspaceId: w.W.id,
      taskId: w.W.ownerTask,
      userId: w.users.viewer.id,
      startedAt: started_at,
      endedAt: ended_at,
      source: 'manual',
    })
    .returning({ id: timeEntries.id });
  if (!row) throw new Error('insert into time_entries returned no row');
  return row.id;
}

function intervalDates() {
  const i = interval();
  return { started_at: new Date(i.started_at), ended_at: new Date(i.ended_at) };
}

/** Stops whatever timer the caller left running (an allowed start-timer). */
async function stopTimer(w: World, t: Target, role: Role) {
  if (t === 'W') {
    await call(w.app, w.users[role].headers, {
      method: 'POST',
      url: `/tasks/${w.W.ownerTask}/stop-timer`,
    });
  }
}

export const TIME_CASES: Case[] = [
  {
    route: 'POST /tasks/:id/start-timer',
    ok: 200,
    build: (w, t) => ({ method: 'POST', url: `/tasks/${w[t].ownerTask}/start-timer` }),
    after: stopTimer,
  },
  {
    route: 'POST /tasks/:id/stop-timer',
    ok: 200,
    // A timer of the caller runs on the task (a viewer's started before a demotion, say).
    build: async (w, t, role) => {
      if (t === 'W') await dbRunningTimer(w.app, w.W.id, w.W.ownerTask, w.users[role].id);
      return { method: 'POST', url: `/tasks/${w[t].ownerTask}/stop-timer` };
    },
    // A token that was refused left the timer running.
    after: stopTimer,
  },
  {
    route: 'GET /tasks/:id/time-entries',
    ok: 200,
    setting: true,
    build: (w, t) => ({ method: 'GET', url: `/tasks/${w[t].ownerTask}/time-entries?limit=200` }),
    // The owner's entry shows only to who may see the others' time (or to the owner).
    check: (res, w, role, sees) => {
      const visible = entryIds(res).includes(w.W.ownerEntry);
      if (visible !== (sees || role === 'owner')) {
        throw new Error(`owner's entry visible=${visible} for ${role}: ${res.body}`);
      }
    },
  },
  {
    route: 'POST /tasks/:id/time-entries',
    ok: 201,
    build: (w, t) => ({
      method: 'POST',
      url: `/tasks/${w[t].ownerTask}/time-entries`,
      payload: interval(),
    }),
  },
  {
    route: 'GET /time-entries',
    label: 'own entries of one workspace',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/time-entries?workspace_id=${w[t].id}` }),
  },
  {
    route: 'GET /time-entries',
    label: "another member's entries",
    action: 'time.others.read',
    setting: true,
    ok: 200,
    build: (w, t) => ({
      method: 'GET',
      url: `/time-entries?workspace_id=${w[t].id}&user_id=${w.users.owner.id}&limit=200`,
    }),
    check: (res, w) => {
      if (!entryIds(res).includes(w.W.ownerEntry)) throw new Error(`no owner entry: ${res.body}`);
    },
  },
  {
    route: 'GET /time-entries/:id',
    setting: true,
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/time-entries/${w[t].ownerEntry}` }),
  },
  {
    route: 'PATCH /time-entries/:id',
    label: "another member's entry",
    ok: 200,
    build: (w, t) => ({
      method: 'PATCH',
      url: `/time-entries/${w[t].ownerEntry}`,
      payload: { note: 'edited' },
    }),
  },
  {
    route: 'PATCH /time-entries/:id',
    label: "the caller's own entry",
    action: 'tasks.write',
    ok: 200,
    build: async (w, t, role) => ({
      method: 'PATCH',
      url: `/time-entries/${t === 'X' ? w.X.ownerEntry : await ownEntry(w, role)}`,
      payload: { note: 'mine' },
    }),
  },
  {
    route: 'DELETE /time-entries/:id',
    label: "another member's entry",
    ok: 204,
    // The owner's entry, or the admin's for the owner: never the caller's.
    build: async (w, t, role) => {
      if (t === 'X') return { method: 'DELETE', url: `/time-entries/${w.X.ownerEntry}` };
      const tracker = role === 'owner' ? w.users.admin : w.users.owner;
      return {
        method: 'DELETE',
        url: `/time-entries/${await newEntry(w.app, tracker, w.W.ownerTask)}`,
      };
    },
  },
  {
    route: 'DELETE /time-entries/:id',
    label: "the caller's own entry",
    action: 'tasks.write',
    ok: 204,
    build: async (w, t, role) => ({
      method: 'DELETE',
      url: `/time-entries/${t === 'X' ? w.X.ownerEntry : await ownEntry(w, role)}`,
    }),
  },
];

const METRICS = [
  'summary',
  'categories',
  'weekly',
  'time-efficiency',
  'productivity-trends',
  'priorities',
  'insights',
];

export const METRICS_CASES: Case[] = [
  ...METRICS.flatMap((name): Case[] => [
    {
      route: `GET /metrics/${name}`,
      label: 'a workspace',
      ok: 200,
      build: (w, t) => ({ method: 'GET', url: `/metrics/${name}?workspace_id=${w[t].id}` }),
    },
    {
      route: `GET /metrics/${name}`,
      label: 'another member in a workspace',
      action: 'time.others.read',
      setting: true,
      ok: 200,
      build: (w, t) => ({
        method: 'GET',
        url: `/metrics/${name}?workspace_id=${w[t].id}&user_id=${w.users.owner.id}`,
      }),
    },
    {
      route: `GET /metrics/${name}`,
      label: 'a project',
      ok: 200,
      build: (w, t) => ({ method: 'GET', url: `/metrics/${name}?project_id=${w[t].project}` }),
    },
  ]),
  {
    route: 'GET /metrics/team',
    ok: 200,
    setting: true,
    build: (w, t) => ({ method: 'GET', url: `/metrics/team?workspace_id=${w[t].id}` }),
    // Per-member rows: everyone's to who may see the team's time, else the caller's alone.
    check: (res, w, role, sees) => {
      const members = res.json<{ members: { user_id: number }[] }>().members;
      const got = members.map((m) => m.user_id).sort((a, b) => a - b);
      const want = (sees ? Object.values(w.users) : [w.users[role]])
        .map((u) => u.id)
        .sort((a, b) => a - b);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(
          `members ${JSON.stringify(got)} for ${role}, expected ${JSON.stringify(want)}`,
        );
      }
    },
  },
];
