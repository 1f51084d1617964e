import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blocking, formatAxeReport, runAxe, type AxeSummary } from './support/axe.js';
import { DOCS_SCREENSHOTS } from './support/docs-screenshots.js';
import { DESKTOP, expect, PHONE, test } from './support/fixtures.js';
import { yesterday } from './support/journey.js';
import { settle } from './support/pages.js';
import { screenshot } from './support/screenshots.js';
import { heading, navLink } from './support/ui.js';
import { apiAs, newUser, registerInApp, type User } from './support/users.js';

// Issue 15, teams in two browsers (and a third for the viewer): the owner creates a team
// workspace and invites a member and a viewer with links copied from the page; the member joins
// in their own browser and tracks time on the team's task; the owner sees that time on the team
// dashboard; the viewer's direct write is refused (403 forbidden) and the viewer is shown no
// edit controls. axe on every new page; screenshots for the README (docs/screenshots/team-*).

const TEAM = 'Acme Platform';
const PROJECT = 'Website relaunch';
const TASK = 'Write the landing page copy';
const LOGGED = { start: '09:00', end: '10:30', text: '1 h 30 min' } as const;

/** A screenshot of the run, also copied to docs/screenshots/ when E2E_UPDATE_DOCS=1. */
async function docsShot(page: Page, name: string): Promise<void> {
  const taken = await screenshot(page, name);
  if (process.env.E2E_UPDATE_DOCS === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(taken, join(DOCS_SCREENSHOTS, `${name}.png`));
  }
}

/** Creates an invitation on the workspace page and reads the link the page shows for it. */
async function invite(page: Page, email: string, role: 'Member' | 'Viewer'): Promise<string> {
  const section = page.getByRole('region', { name: 'Invitations' });
  await section.getByLabel('Email', { exact: true }).fill(email);
  await section.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await section.getByRole('button', { name: 'Create invitation' }).click();
  const link = section.getByLabel(`Invitation link for ${email}`);
  await link.waitFor();
  await section.getByRole('button', { name: 'Copy link' }).click();
  await section.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await link.inputValue());
  return copied;
}

/** Opens the invite link signed in as its addressee, and joins. */
async function joinWith(page: Page, link: string, results: AxeSummary[], name: string) {
  await page.goto(link);
  await settle(page, 'Join a workspace?');
  results.push(await runAxe(page, `invite · ${name}`));
  if (name === 'member') await docsShot(page, 'team-invite');
  await page.getByRole('button', { name: 'Accept and join' }).click();
  await heading(page, `Welcome to ${TEAM}`).waitFor();
  await expect
    .poll(() => page.getByRole('combobox', { name: 'Workspace' }).inputValue())
    .not.toBe('');
}

const named = (fullName: string): User => ({ ...newUser(), fullName });

test('a team in three browsers: invite, join, track, see, and a viewer who cannot write', async ({
  app: { page: owner, context: ownerContext },
  openContext,
  origin,
}) => {
  const results: AxeSummary[] = [];
  const people = {
    owner: named('Olivia Owner'),
    member: named('Mateo Member'),
    viewer: named('Vera Viewer'),
  };
  // The Copy button writes to the clipboard; the test reads it back as a person would paste it.
  await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  // 1. The owner registers and creates the team workspace from the top bar's offer.
  await registerInApp(owner, people.owner);
  await owner.getByRole('link', { name: 'Create a team' }).click();
  await settle(owner, 'Workspace');
  const create = owner.getByRole('region', { name: 'Create a team workspace' });
  await create.getByLabel('Workspace name', { exact: true }).fill(TEAM);
  await create.getByRole('button', { name: 'Create workspace' }).click();
  const switcher = owner.getByRole('combobox', { name: 'Workspace' });
  await expect
    .poll(async () => (await switcher.locator('option:checked').textContent()) ?? '')
    .toBe(TEAM);
  const ownerApi = apiAs(people.owner);
  const team = (await ownerApi.GET('/workspaces')).data.find((w) => w.name === TEAM);
  if (team === undefined) throw new Error('the team workspace was not created');
  expect(team).toMatchObject({ personal: false, role: 'owner', member_count: 1 });

  // A project with a budget, and a task in it, both in the team workspace.
  await navLink(owner, 'Projects').click();
  await settle(owner, 'Projects');
  await owner.getByRole('button', { name: 'New project' }).click();
  const form = owner.getByRole('dialog', { name: 'New project' });
  await form.getByLabel('Name', { exact: true }).fill(PROJECT);
  await form.getByLabel('Budget (hours)', { exact: true }).fill('10');
  await form.getByRole('button', { name: 'Create project' }).click();
  await form.waitFor({ state: 'detached' });
  await owner
    .getByRole('list', { name: 'Projects' })
    .getByRole('listitem')
    .filter({ hasText: PROJECT })
    .getByRole('meter', { name: 'Budget used' })
    .waitFor();
  results.push(await runAxe(owner, 'projects'));

  await navLink(owner, 'Tasks').click();
  await settle(owner, 'Tasks');
  await owner.getByRole('textbox', { name: 'Quick add' }).fill(TASK);
  await owner.getByRole('textbox', { name: 'Quick add' }).press('Enter');
  await owner.getByRole('listitem').getByRole('link', { name: TASK }).click();
  await settle(owner, TASK);
  await owner.getByLabel('Project', { exact: true }).selectOption({ label: PROJECT });
  await owner.getByRole('button', { name: 'Save', exact: true }).click();
  await owner
    .getByRole('form', { name: 'Edit task' })
    .getByRole('status')
    .filter({ hasText: 'Saved' })
    .waitFor();
  const tasks = (await ownerApi.GET('/tasks', { params: { query: { workspace_id: team.id } } }))
    .data;
  const task = tasks.find((t) => t.title === TASK);
  expect(task?.workspace_id).toBe(team.id);
  const project = (
    await ownerApi.GET('/projects', { params: { query: { workspace_id: team.id } } })
  ).data[0];
  expect(project).toMatchObject({ name: PROJECT, budget_minutes: 600 });
  expect(task?.project_id).toBe(project?.id);

  // Invitations for a member and a viewer; each link is copied from the page.
  await owner.goto('/app/workspace');
  await settle(owner, 'Workspace');
  const memberLink = await invite(owner, people.member.email, 'Member');
  const viewerLink = await invite(owner, people.viewer.email, 'Viewer');
  expect(memberLink).toMatch(new RegExp(`^${origin}/app/invite#.+`));
  const pending = owner.getByRole('region', { name: 'Invitations' }).getByRole('listitem');
  await expect.poll(() => pending.count()).toBe(2);
  results.push(await runAxe(owner, 'workspace · owner'));
  await docsShot(owner, 'team-workspace');

  // 2. The member registers in a browser of their own, opens the link and joins.
  const { page: member } = await openContext();
  await registerInApp(member, people.member);
  await joinWith(member, memberLink, results, 'member');
  // The team's task, in the team workspace; time logged on it (yesterday, always in the past),
  // and a timer started and stopped on it.
  await navLink(member, 'Tasks').click();
  await settle(member, 'Tasks');
  await member.getByRole('listitem').getByRole('link', { name: TASK }).click();
  await settle(member, TASK);
  await member.getByRole('button', { name: 'Start timer' }).click();
  const bar = member.getByRole('region', { name: 'Timer' });
  await bar.getByRole('link', { name: TASK }).waitFor();
  await bar.getByRole('button', { name: `Stop the timer on ${TASK}` }).click();
  await bar.getByText('No timer running').waitFor();
  await member.getByRole('button', { name: 'Log time' }).click();
  const log = member.getByRole('dialog', { name: 'Log time' });
  await log.getByLabel('Date', { exact: true }).fill(yesterday().day);
  await log.getByLabel('Start', { exact: true }).fill(LOGGED.start);
  await log.getByLabel('End', { exact: true }).fill(LOGGED.end);
  await log.getByRole('button', { name: 'Log time', exact: true }).click();
  await log.waitFor({ state: 'detached' });
  const memberApi = apiAs(people.member);
  const entries = (
    await memberApi.GET('/time-entries', {
      params: { query: { workspace_id: team.id, limit: 50, offset: 0 } },
    })
  ).data;
  // The hand-logged 90 minutes (the timer's few seconds may be kept as an entry too).
  expect(entries.filter((e) => e.source === 'manual').map((e) => e.duration_seconds)).toEqual([
    90 * 60,
  ]);
  expect(entries.every((e) => e.workspace_id === team.id && e.task_id === task?.id)).toBe(true);

  // 3. The owner sees the member's time on the team dashboard.
  await navLink(owner, 'Team').click();
  await settle(owner, 'Team');
  const perMember = owner.getByRole('table', { name: /Per member/ });
  const row = perMember.getByRole('row', { name: new RegExp(people.member.fullName) });
  await row.waitFor();
  await expect.poll(async () => (await row.textContent()) ?? '').toContain(LOGGED.text);
  const perProject = owner.getByRole('table', { name: /Per project/ });
  await perProject.getByRole('row', { name: new RegExp(PROJECT) }).waitFor();
  await expect
    .poll(
      async () =>
        (await perProject.getByRole('row', { name: new RegExp(PROJECT) }).textContent()) ?? '',
    )
    .toContain(LOGGED.text);
  results.push(await runAxe(owner, 'team dashboard'));
  await docsShot(owner, 'team-dashboard');
  // On a phone the tables scroll sideways inside their regions; the page itself does not.
  await owner.setViewportSize(PHONE);
  await screenshot(owner, 'team-dashboard-phone');
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  );
  await owner.setViewportSize(DESKTOP);

  // 4. The viewer joins; a write straight to the API with their own token is refused.
  const { page: viewer } = await openContext();
  await registerInApp(viewer, people.viewer);
  await joinWith(viewer, viewerLink, results, 'viewer');
  const refused = await viewer.evaluate(
    async ({ email, password, workspaceId }) => {
      const login = await fetch('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { access_token: token } = (await login.json()) as { access_token: string };
      const write = await fetch('/tasks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'A viewer’s task', workspace_id: workspaceId }),
      });
      return { status: write.status, body: (await write.json()) as Record<string, unknown> };
    },
    { email: people.viewer.email, password: people.viewer.password, workspaceId: team.id },
  );
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ code: 'forbidden', required_role: 'member' });

  // The viewer reads the team's tasks and projects, with no control to change them.
  await navLink(viewer, 'Tasks').click();
  await settle(viewer, 'Tasks');
  await viewer.getByRole('listitem').getByRole('link', { name: TASK }).waitFor();
  expect(await viewer.getByRole('form', { name: 'Quick add' }).count()).toBe(0);
  await viewer.getByRole('listitem').getByRole('link', { name: TASK }).click();
  await settle(viewer, TASK);
  for (const name of ['Save', 'Start timer', 'Delete', 'Log time']) {
    expect(await viewer.getByRole('button', { name, exact: true }).count(), name).toBe(0);
  }
  expect(await viewer.getByLabel('Title', { exact: true }).isDisabled()).toBe(true);
  results.push(await runAxe(viewer, 'task · viewer'));
  await navLink(viewer, 'Projects').click();
  await settle(viewer, 'Projects');
  await viewer
    .getByRole('list', { name: 'Projects' })
    .getByRole('listitem')
    .filter({ hasText: PROJECT })
    .waitFor();
  expect(await viewer.getByRole('button', { name: 'New project' }).count()).toBe(0);
  expect(await viewer.getByRole('button', { name: /^Edit / }).count()).toBe(0);
  await viewer.goto('/app/workspace');
  await settle(viewer, 'Workspace');
  expect(await viewer.getByRole('region', { name: 'Invitations' }).count()).toBe(0);
  results.push(await runAxe(viewer, 'workspace · viewer'));
  await docsShot(viewer, 'team-viewer-workspace');
  // Nothing was written by the viewer.
  const after = (await ownerApi.GET('/tasks', { params: { query: { workspace_id: team.id } } }))
    .data;
  expect(after.map((t) => t.title)).toEqual([TASK]);

  console.log(formatAxeReport(results));
  expect(results.flatMap(blocking)).toEqual([]);
});
