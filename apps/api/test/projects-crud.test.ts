import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { errorLocations, expectProblem, parseLinks } from './helpers/tasks.js';
import { createTeam, personalWorkspaceId } from './helpers/workspaces.js';

/** The project wire format, as the tests read it. */
interface WireProject {
  id: number;
  workspace_id: number;
  name: string;
  color: string;
  description: string | null;
  budget_minutes: number | null;
  archived: boolean;
  created_at: string;
  updated_at: string;
  tracked_minutes: number;
  budget_used_percent: number | null;
}

const clock = manualClock(new Date('2026-03-02T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const post = (user: TestUser, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/projects',
    headers: user.headers,
    payload: payload as Record<string, unknown>,
  });
const patch = (user: TestUser, id: number | string, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: `/projects/${id}`,
    headers: user.headers,
    payload: payload as Record<string, unknown>,
  });
const get = (user: TestUser, id: number | string) =>
  t.app.inject({ method: 'GET', url: `/projects/${id}`, headers: user.headers });
const del = (user: TestUser, id: number) =>
  t.app.inject({ method: 'DELETE', url: `/projects/${id}`, headers: user.headers });
const list = (user: TestUser, query = '') =>
  t.app.inject({ method: 'GET', url: `/projects${query}`, headers: user.headers });

async function create(user: TestUser, body: Record<string, unknown>): Promise<WireProject> {
  const res = await post(user, body);
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json<WireProject>();
}

describe('project lifecycle', () => {
  it('create → get → patch → empty patch → delete', async () => {
    const user = await createUser(t.app);
    const personal = await personalWorkspaceId(t.database.db, user.id);
    clock.set('2026-03-02T09:00:00.000Z');
    const created = await post(user, {
      name: '  Backend  ',
      color: '#22C55E',
      description: 'The API',
      budget_minutes: 600,
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json<WireProject>();
    expect(created.headers.location).toBe(`/projects/${project.id}`);
    expect(project).toEqual({
      id: expect.any(Number) as number,
      workspace_id: personal,
      name: 'Backend',
      color: '#22c55e',
      description: 'The API',
      budget_minutes: 600,
      archived: false,
      created_at: '2026-03-02T09:00:00.000Z',
      updated_at: '2026-03-02T09:00:00.000Z',
      tracked_minutes: 0,
      budget_used_percent: 0,
    });

    const read = await get(user, project.id);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(project);

    clock.set('2026-03-02T10:30:00.000Z');
    const changed = await patch(user, project.id, {
      name: 'Backend v2',
      color: '#ABCDEF',
      description: null,
      budget_minutes: null,
      archived: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const expected = {
      ...project,
      name: 'Backend v2',
      color: '#abcdef',
      description: null,
      budget_minutes: null,
      archived: true,
      updated_at: '2026-03-02T10:30:00.000Z',
      budget_used_percent: null,
    };
    expect(changed.json()).toEqual(expected);
    expect((await get(user, project.id)).json()).toEqual(expected);

    clock.set('2026-03-02T11:00:00.000Z');
    const empty = await patch(user, project.id, {});
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual(expected);

    const partial = await patch(user, project.id, { budget_minutes: 90 });
    expect(partial.json()).toEqual({
      ...expected,
      budget_minutes: 90,
      budget_used_percent: 0,
      updated_at: '2026-03-02T11:00:00.000Z',
    });

    const gone = await del(user, project.id);
    expect(gone.statusCode).toBe(204);
    expect(gone.body).toBe('');
    expectProblem(await get(user, project.id), 404, 'not_found');
    expectProblem(await del(user, project.id), 404, 'not_found');
    expectProblem(await patch(user, project.id, { name: 'x' }), 404, 'not_found');
  });

  it('defaults: colour #6366f1, no description, no budget, active', async () => {
    const user = await createUser(t.app);
    const project = await create(user, { name: 'Plain' });
    expect(project).toMatchObject({
      name: 'Plain',
      color: '#6366f1',
      description: null,
      budget_minutes: null,
      archived: false,
      tracked_minutes: 0,
      budget_used_percent: null,
    });
  });

  it('a POST retried with its Idempotency-Key replays the first answer and creates nothing', async () => {
    const user = await createUser(t.app);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/projects',
        headers: { ...user.headers, 'idempotency-key': `project-${user.id}` },
        payload: { name: 'Once' },
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.json()).toEqual(first.json());
    const all = await list(user, '?archived=all');
    expect(all.json<WireProject[]>().map((p) => p.name)).toEqual(['Once']);
  });

  it('a missing id is a 404', async () => {
    const user = await createUser(t.app);
    expectProblem(await get(user, 2_000_000_000), 404, 'not_found');
  });
});

describe('names are unique per workspace, regardless of case', () => {
  it('409 project_name_taken on create and on rename; another workspace may reuse it', async () => {
    const user = await createUser(t.app);
    const first = await create(user, { name: 'Website' });
    expectProblem(await post(user, { name: 'WEBSITE' }), 409, 'project_name_taken');
    expectProblem(await post(user, { name: '  website ' }), 409, 'project_name_taken');

    const other = await create(user, { name: 'Mobile' });
    expectProblem(await patch(user, other.id, { name: 'webSite' }), 409, 'project_name_taken');
    expect((await get(user, other.id)).json<WireProject>().name).toBe('Mobile');
    // Renaming a project to another spelling of its own name is fine.
    const recased = await patch(user, first.id, { name: 'WebSite' });
    expect(recased.statusCode).toBe(200);
    expect(recased.json<WireProject>().name).toBe('WebSite');

    const team = await createTeam(t.database.db, { ownerId: user.id });
    const elsewhere = await post(user, { workspace_id: team, name: 'website' });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(elsewhere.json<WireProject>().workspace_id).toBe(team);
    // Two creates racing for one name: the unique index lets one through.
    const raced = await Promise.all([post(user, { name: 'Race' }), post(user, { name: 'RACE' })]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    // Another user's personal workspace is another workspace too.
    const stranger = await createUser(t.app);
    expect((await post(stranger, { name: 'Website' })).statusCode).toBe(201);
  });
});

describe('validation: each bad field is a 422 naming it', () => {
  const long = (n: number) => 'a'.repeat(n);
  // [field, value, accepted?, stored value when accepted]
  const cases: [string, unknown, boolean, unknown?][] = [
    ['name', '', false],
    ['name', '   ', false],
    ['name', long(101), false],
    ['name', 'nul\u0000inside', false],
    ['name', 42, false],
    ['name', null, false],
    ['color', '#12345', false],
    ['color', '#1234567', false],
    ['color', 'red', false],
    ['color', '#gggggg', false],
    ['color', null, false],
    ['color', '#A1B2C3', true, '#a1b2c3'],
    ['description', long(2001), false],
    ['description', 'a\u0000b', false],
    ['description', 7, false],
    ['description', long(2000), true, long(2000)],
    ['description', null, true, null],
    ['budget_minutes', 0, false],
    ['budget_minutes', -5, false],
    ['budget_minutes', 10_000_001, false],
    ['budget_minutes', 1.5, false],
    ['budget_minutes', '60', false],
    ['budget_minutes', 1, true, 1],
    ['budget_minutes', 10_000_000, true, 10_000_000],
    ['budget_minutes', null, true, null],
  ];
  const show = (v: unknown): string =>
    typeof v === 'string' && v.length > 20 ? `${v.length} chars` : JSON.stringify(v);
  let n = 0;
  it.each(
    cases.map(([field, value, ok, stored]) => ({
      label: `${field} = ${show(value)} → ${ok ? 'accepted' : '422'}`,
      field,
      value,
      ok,
      stored,
    })),
  )('$label', async ({ field, value, ok, stored }) => {
    const user = await createUser(t.app);
    n += 1;
    const base = field === 'name' ? {} : { name: `case ${n}` };
    const created = await post(user, { ...base, [field]: value });
    const existing = await create(user, { name: `existing ${n}`, description: 'keep' });
    const changed = await patch(user, existing.id, { [field]: value });
    for (const res of [created, changed]) {
      if (ok) {
        expect(res.statusCode, res.body).toBeLessThan(300);
        expect(res.json<Record<string, unknown>>()[field]).toEqual(stored);
      } else {
        expectProblem(res, 422, 'validation_failed');
        expect(errorLocations(res)).toContain(`body.${field}`);
      }
    }
    if (!ok) {
      expect((await get(user, existing.id)).json()).toEqual(existing);
      const all = await list(user, '?archived=all');
      expect(all.json<WireProject[]>().map((p) => p.id)).toEqual([existing.id]);
    }
  });

  it('name is required on create; unknown and server-owned fields are refused', async () => {
    const user = await createUser(t.app);
    const missing = await post(user, { color: '#000000' });
    expectProblem(missing, 422, 'validation_failed');
    expect(errorLocations(missing)).toEqual(['body.name']);
    for (const field of ['id', 'archived', 'created_at', 'tracked_minutes', 'owner_id']) {
      const res = await post(user, { name: `with ${field}`, [field]: 1 });
      expectProblem(res, 422, 'validation_failed');
      expect(errorLocations(res)).toEqual([`body.${field}`]);
    }
    const badWorkspace = await post(user, { name: 'w', workspace_id: 0 });
    expectProblem(badWorkspace, 422, 'validation_failed');
    expect(errorLocations(badWorkspace)).toEqual(['body.workspace_id']);
  });

  it('PATCH: null on archived is a 422; a project never moves (workspace_id is a 422)', async () => {
    const user = await createUser(t.app);
    const project = await create(user, { name: 'Fixed' });
    const team = await createTeam(t.database.db, { ownerId: user.id });
    for (const [body, location] of [
      [{ archived: null }, 'body.archived'],
      [{ archived: 'yes' }, 'body.archived'],
      [{ workspace_id: team }, 'body.workspace_id'],
      [{ id: project.id + 1 }, 'body.id'],
      [{ updated_at: '2026-01-01T00:00:00Z' }, 'body.updated_at'],
    ] as const) {
      const res = await patch(user, project.id, body);
      expectProblem(res, 422, 'validation_failed');
      expect(errorLocations(res)).toEqual([location]);
    }
    expect((await get(user, project.id)).json()).toEqual(project);
  });

  it('bad ids and list parameters name themselves', async () => {
    const user = await createUser(t.app);
    for (const id of ['0', 'abc', '2147483648']) {
      const res = await get(user, id);
      expectProblem(res, 422, 'validation_failed');
      expect(errorLocations(res)).toEqual(['params.id']);
    }
    for (const [query, location] of [
      ['?archived=maybe', 'query.archived'],
      ['?limit=0', 'query.limit'],
      ['?limit=201', 'query.limit'],
      ['?offset=-1', 'query.offset'],
      ['?workspace_id=abc', 'query.workspace_id'],
      ['?colour=red', 'query.colour'],
    ]) {
      const res = await list(user, query);
      expectProblem(res, 422, 'validation_failed');
      expect(errorLocations(res)).toEqual([location]);
    }
  });
});

describe('GET /projects', () => {
  it('every visible workspace, ordered by workspace, lower(name), id; archived filter', async () => {
    const user = await createUser(t.app);
    const personal = await personalWorkspaceId(t.database.db, user.id);
    const team = await createTeam(t.database.db, { ownerId: user.id });
    const inTeam = await create(user, { workspace_id: team, name: 'alpha' });
    const zeta = await create(user, { name: 'Zeta' });
    const beta = await create(user, { name: 'beta' });
    const alpha = await create(user, { name: 'Alpha' });
    const old = await create(user, { name: 'Old' });
    await patch(user, old.id, { archived: true });
    const teamOld = await create(user, { workspace_id: team, name: 'Gone' });
    await patch(user, teamOld.id, { archived: true });
    // Someone else's projects never show.
    const stranger = await createUser(t.app);
    await create(stranger, { name: 'Hidden' });

    const ids = async (query: string) => {
      const res = await list(user, query);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<WireProject[]>().map((p) => p.id);
    };
    // The personal workspace was created first, so its id is the smaller one.
    expect(personal).toBeLessThan(team);
    expect(await ids('')).toEqual([alpha.id, beta.id, zeta.id, inTeam.id]);
    expect(await ids('?archived=false')).toEqual([alpha.id, beta.id, zeta.id, inTeam.id]);
    expect(await ids('?archived=true')).toEqual([old.id, teamOld.id]);
    expect(await ids('?archived=all')).toEqual([
      alpha.id,
      beta.id,
      old.id,
      zeta.id,
      inTeam.id,
      teamOld.id,
    ]);
    expect(await ids(`?workspace_id=${team}&archived=all`)).toEqual([inTeam.id, teamOld.id]);
    expect(await ids(`?workspace_id=${personal}`)).toEqual([alpha.id, beta.id, zeta.id]);

    const one = (await list(user, `?workspace_id=${team}`)).json<WireProject[]>();
    expect(one).toEqual([{ ...inTeam }]);
  });

  it('pages with limit and offset, X-Total-Count and Link', async () => {
    const user = await createUser(t.app);
    const made: WireProject[] = [];
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) made.push(await create(user, { name }));
    const page = await list(user, '?limit=2&offset=2');
    expect(page.statusCode).toBe(200);
    expect(page.json<WireProject[]>().map((p) => p.id)).toEqual([made[2]?.id, made[3]?.id]);
    expect(page.headers['x-total-count']).toBe('5');
    expect(parseLinks(page.headers.link)).toEqual({
      first: '/projects?limit=2&offset=0',
      prev: '/projects?limit=2&offset=0',
      next: '/projects?limit=2&offset=4',
    });
    const last = await list(user, '?archived=false&limit=2&offset=4');
    expect(last.json<WireProject[]>().map((p) => p.id)).toEqual([made[4]?.id]);
    expect(parseLinks(last.headers.link)).toEqual({
      first: '/projects?archived=false&limit=2&offset=0',
      prev: '/projects?archived=false&limit=2&offset=2',
    });
    const beyond = await list(user, '?offset=10');
    expect(beyond.json()).toEqual([]);
    expect(beyond.headers['x-total-count']).toBe('5');
  });

  it('a user with no projects gets an empty list', async () => {
    const user = await createUser(t.app);
    const res = await list(user);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
    expect(res.headers['x-total-count']).toBe('0');
  });
});
