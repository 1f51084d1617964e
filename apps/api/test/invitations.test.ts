import { Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, uniqueEmail, type TestUser } from './helpers/auth.js';
import { expectProblem } from './helpers/tasks.js';
import {
  createTeamOfFour,
  invite,
  personalToken,
  send,
  type Headers,
} from './helpers/workspace-calls.js';
import { personalWorkspaceId } from './helpers/workspaces.js';

/** Invitations: create, list, withdraw and accept, with every rule's negative case. */

const START = '2026-06-01T09:00:00.000Z';
const clock = manualClock(new Date(START));
const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(chunk.toString());
    cb();
  },
});
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, logStream });
});
afterAll(async () => {
  await t.close();
});

const call = (headers: Headers, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  send(t.app, headers, method, url, body);
const invitationsOf = (ws: number) => `/workspaces/${ws}/invitations`;
const accept = (headers: Headers, token: string) =>
  call(headers, 'POST', '/invitations/accept', { token });

async function membersOf(ws: number, by: TestUser) {
  const res = await call(by.headers, 'GET', `/workspaces/${ws}/members`);
  return res.json<{ user_id: number; role: string }[]>();
}

describe('POST /workspaces/{id}/invitations', () => {
  it('answers 201 with a one-time token, stored only as its SHA-256', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app);
    const email = uniqueEmail('invitee');
    const res = await call(team.admin.headers, 'POST', invitationsOf(team.id), {
      email,
      role: 'viewer',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ id: number; token: string }>();
    expect(body).toEqual({
      id: expect.any(Number) as number,
      workspace_id: team.id,
      email,
      role: 'viewer',
      invited_by: team.admin.id,
      created_at: START,
      expires_at: '2026-06-08T09:00:00.000Z',
      accepted_at: null,
      token: expect.stringMatching(/^dti_[A-Za-z0-9_-]{43}$/) as string,
      accept_url: `/app/invite#${body.token}`,
    });
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, body.id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(body.token).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(body.token);
  });

  it('takes expires_in_days from 1 to 30', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app);
    const one = await invite(t.app, team.owner, team.id, uniqueEmail(), 'member', {
      expires_in_days: 1,
    });
    expect(one.expires_at).toBe('2026-06-02T09:00:00.000Z');
    const thirty = await invite(t.app, team.owner, team.id, uniqueEmail(), 'admin', {
      expires_in_days: 30,
    });
    expect(thirty.expires_at).toBe('2026-07-01T09:00:00.000Z');
    for (const expires_in_days of [0, 31, 1.5]) {
      const res = await call(team.owner.headers, 'POST', invitationsOf(team.id), {
        email: uniqueEmail(),
        role: 'member',
        expires_in_days,
      });
      expectProblem(res, 422, 'validation_failed');
    }
  });

  it('refuses owner as a role, a bad email and unknown fields with a 422', async () => {
    const team = await createTeamOfFour(t.app);
    for (const body of [
      { email: uniqueEmail(), role: 'owner' },
      { email: 'not-an-email', role: 'member' },
      { role: 'member' },
      { email: uniqueEmail() },
      { email: uniqueEmail(), role: 'member', token: 'dti_mine' },
    ]) {
      const res = await call(team.owner.headers, 'POST', invitationsOf(team.id), body);
      expectProblem(res, 422, 'validation_failed');
    }
  });

  it('refuses someone already a member, whatever the case of the email (409)', async () => {
    const team = await createTeamOfFour(t.app);
    const res = await call(team.admin.headers, 'POST', invitationsOf(team.id), {
      email: team.viewer.email.toUpperCase(),
      role: 'admin',
    });
    expectProblem(res, 409, 'already_member');
  });

  it('refuses a personal workspace (409 personal_workspace)', async () => {
    const user = await createUser(t.app);
    const ws = await personalWorkspaceId(t.database.db, user.id);
    const res = await call(user.headers, 'POST', invitationsOf(ws), {
      email: uniqueEmail(),
      role: 'member',
    });
    expectProblem(res, 409, 'personal_workspace');
  });

  it.each(['member', 'viewer'] as const)('is a 403 naming admin for a %s', async (role) => {
    const team = await createTeamOfFour(t.app);
    const res = await call(team[role].headers, 'POST', invitationsOf(team.id), {
      email: uniqueEmail(),
      role: 'viewer',
    });
    expectProblem(res, 403, 'forbidden');
    expect(res.json()).toMatchObject({ required_role: 'admin', role });
  });

  it('is a 404 for a stranger; a token cannot invite (403)', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    const body = { email: uniqueEmail(), role: 'member' };
    expectProblem(await call(stranger.headers, 'POST', invitationsOf(team.id), body), 404);
    const pat = await personalToken(t.app, team.owner, ['tasks:write'], team.id);
    expectProblem(await call(pat, 'POST', invitationsOf(team.id), body), 403, 'insufficient_scope');
  });
});

describe('GET /workspaces/{id}/invitations', () => {
  it('lists pending invitations, oldest first, without tokens or hashes', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app);
    const joiner = await createUser(t.app);
    const first = await invite(t.app, team.owner, team.id, uniqueEmail(), 'member', {
      expires_in_days: 1,
    });
    clock.set('2026-06-01T10:00:00.000Z');
    const second = await invite(t.app, team.admin, team.id, uniqueEmail(), 'viewer');
    const used = await invite(t.app, team.admin, team.id, joiner.email, 'member');
    expect((await accept(joiner.headers, used.token)).statusCode).toBe(200);

    const res = await call(team.admin.headers, 'GET', invitationsOf(team.id));
    expect(res.statusCode).toBe(200);
    expect(res.json<{ id: number }[]>().map((i) => i.id)).toEqual([first.id, second.id]);
    for (const token of [first.token, second.token]) expect(res.body).not.toContain(token);
    expect(res.body).not.toMatch(/token|hash/);
    expect(Object.keys(res.json<object[]>()[0]!).sort()).toEqual(
      [
        'accepted_at',
        'created_at',
        'email',
        'expires_at',
        'id',
        'invited_by',
        'role',
        'workspace_id',
      ].sort(),
    );

    // A day later the first has expired and drops out of the list.
    clock.set('2026-06-02T09:00:00.000Z');
    const later = await call(team.owner.headers, 'GET', invitationsOf(team.id));
    expect(later.json<{ id: number }[]>().map((i) => i.id)).toEqual([second.id]);
  });

  it('is for admins: 403 for members and viewers, 404 for strangers', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    for (const role of ['member', 'viewer'] as const) {
      const res = await call(team[role].headers, 'GET', invitationsOf(team.id));
      expectProblem(res, 403, 'forbidden');
      expect(res.json()).toMatchObject({ required_role: 'admin' });
    }
    expectProblem(await call(stranger.headers, 'GET', invitationsOf(team.id)), 404, 'not_found');
  });

  it('answers a tasks:read token of an admin, limited to the workspace', async () => {
    const team = await createTeamOfFour(t.app);
    const pat = await personalToken(t.app, team.admin, ['tasks:read'], team.id);
    expect((await call(pat, 'GET', invitationsOf(team.id))).statusCode).toBe(200);
  });
});

describe('DELETE /invitations/{id}', () => {
  it('withdraws an invitation: its token stops working', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const inv = await invite(t.app, team.owner, team.id, invitee.email);
    const res = await call(team.admin.headers, 'DELETE', `/invitations/${inv.id}`);
    expect(res.statusCode).toBe(204);
    expectProblem(await accept(invitee.headers, inv.token), 404, 'not_found');
    expectProblem(await call(team.admin.headers, 'DELETE', `/invitations/${inv.id}`), 404);
  });

  it('is a 403 for members and viewers, a 404 for strangers and missing ids', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createTeamOfFour(t.app);
    const inv = await invite(t.app, team.owner, team.id, uniqueEmail());
    for (const role of ['member', 'viewer'] as const) {
      const res = await call(team[role].headers, 'DELETE', `/invitations/${inv.id}`);
      expectProblem(res, 403, 'forbidden');
      expect(res.json()).toMatchObject({ required_role: 'admin' });
    }
    // The owner of another workspace is a stranger here.
    const theirs = await call(stranger.owner.headers, 'DELETE', `/invitations/${inv.id}`);
    const missing = await call(stranger.owner.headers, 'DELETE', '/invitations/2147483647');
    expectProblem(theirs, 404, 'not_found');
    expectProblem(missing, 404, 'not_found');
    expect(theirs.json<{ detail: string }>().detail).toBe(
      missing.json<{ detail: string }>().detail,
    );
    const pending = await call(team.owner.headers, 'GET', invitationsOf(team.id));
    expect(pending.json<{ id: number }[]>().map((i) => i.id)).toEqual([inv.id]);
  });
});

describe('POST /invitations/accept', () => {
  it('joins the invited account with the invited role', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app, 'Joinable');
    const invitee = await createUser(t.app);
    // Invited under another case: the match ignores it.
    const inv = await invite(t.app, team.admin, team.id, invitee.email.toUpperCase(), 'admin');
    clock.set('2026-06-03T12:00:00.000Z');
    const res = await accept(invitee.headers, inv.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      role: 'admin',
      workspace: {
        id: team.id,
        name: 'Joinable',
        personal: false,
        role: 'admin',
        members_see_team_time: false,
        member_count: 5,
        created_at: expect.any(String) as string,
        updated_at: expect.any(String) as string,
      },
    });
    const list = await membersOf(team.id, team.viewer);
    expect(list.find((m) => m.user_id === invitee.id)?.role).toBe('admin');
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, inv.id));
    expect(row!.acceptedBy).toBe(invitee.id);
    expect(row!.acceptedAt?.toISOString()).toBe('2026-06-03T12:00:00.000Z');
    const mine = await call(invitee.headers, 'GET', '/workspaces');
    expect(mine.json<{ id: number }[]>().map((w) => w.id)).toContain(team.id);
  });

  it('works once: a second accept is 409 invitation_used', async () => {
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const inv = await invite(t.app, team.owner, team.id, invitee.email);
    expect((await accept(invitee.headers, inv.token)).statusCode).toBe(200);
    expectProblem(await accept(invitee.headers, inv.token), 409, 'invitation_used');
  });

  it('two accepts at once: exactly one 200', async () => {
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const inv = await invite(t.app, team.owner, team.id, invitee.email);
    const results = await Promise.all([
      accept(invitee.headers, inv.token),
      accept(invitee.headers, inv.token),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({
      code: 'invitation_used',
    });
    const list = await membersOf(team.id, team.owner);
    expect(list.filter((m) => m.user_id === invitee.id)).toHaveLength(1);
  });

  it('is 410 invitation_expired once expires_at is reached', async () => {
    clock.set(START);
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const inv = await invite(t.app, team.owner, team.id, invitee.email, 'member', {
      expires_in_days: 1,
    });
    clock.set('2026-06-02T09:00:00.000Z');
    expectProblem(await accept(invitee.headers, inv.token), 410, 'invitation_expired');
    expect((await membersOf(team.id, team.owner)).map((m) => m.user_id)).not.toContain(invitee.id);
    // A millisecond before, it still works.
    clock.set('2026-06-02T08:59:59.999Z');
    expect((await accept(invitee.headers, inv.token)).statusCode).toBe(200);
  });

  it('is 403 invitation_email_mismatch for another account, which does not join', async () => {
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const other = await createUser(t.app);
    const inv = await invite(t.app, team.owner, team.id, invitee.email);
    expectProblem(await accept(other.headers, inv.token), 403, 'invitation_email_mismatch');
    expect((await membersOf(team.id, team.owner)).map((m) => m.user_id)).not.toContain(other.id);
    // The link still works for the right account.
    expect((await accept(invitee.headers, inv.token)).statusCode).toBe(200);
  });

  it('is 409 already_member for someone who joined since the invitation', async () => {
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    const first = await invite(t.app, team.owner, team.id, invitee.email, 'viewer');
    const second = await invite(t.app, team.owner, team.id, invitee.email, 'admin');
    expect((await accept(invitee.headers, first.token)).statusCode).toBe(200);
    expectProblem(await accept(invitee.headers, second.token), 409, 'already_member');
    const list = await membersOf(team.id, team.owner);
    expect(list.find((m) => m.user_id === invitee.id)?.role).toBe('viewer');
  });

  it('is 404 for an unknown token; 422 for a missing one; 403 for a token', async () => {
    const user = await createUser(t.app);
    expectProblem(await accept(user.headers, 'dti_unknown'), 404, 'not_found');
    expectProblem(
      await call(user.headers, 'POST', '/invitations/accept', {}),
      422,
      'validation_failed',
    );
    const pat = await personalToken(t.app, user, ['tasks:read', 'tasks:write']);
    expectProblem(await accept(pat, 'dti_unknown'), 403, 'insufficient_scope');
    expectProblem(await accept({}, 'dti_unknown'), 401, 'unauthorized');
  });
});

describe('secrets', () => {
  it('no log line carries an invitation token', async () => {
    const team = await createTeamOfFour(t.app);
    const invitee = await createUser(t.app);
    lines.length = 0;
    const inv = await invite(t.app, team.owner, team.id, invitee.email);
    await call(team.owner.headers, 'GET', invitationsOf(team.id));
    expect((await accept(invitee.headers, inv.token)).statusCode).toBe(200);
    expectProblem(await accept(invitee.headers, inv.token), 409, 'invitation_used');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(inv.token);
    // Nor the part after the prefix (a logger could drop it).
    for (const line of lines) expect(line).not.toContain(inv.token.slice(4));
  });
});
