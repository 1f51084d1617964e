import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users, workspaceMembers, workspaces } from '../../db/schema/index.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Role } from './workspaces.policy.js';
import type { MemberView, WorkspaceView } from './workspaces.schemas.js';

/** SQL for workspaces and their member lists (invitations: invitations.repository.ts). */

const memberCount = sql<number>`(select count(*)::int from ${workspaceMembers} m where m.workspace_id = ${workspaces.id})`;

const viewColumns = {
  id: workspaces.id,
  name: workspaces.name,
  personalOwnerId: workspaces.personalOwnerId,
  role: workspaceMembers.role,
  membersSeeTeamTime: workspaces.membersSeeTeamTime,
  memberCount,
  createdAt: workspaces.createdAt,
  updatedAt: workspaces.updatedAt,
};

type ViewRow = Omit<WorkspaceView, 'personal'> & { personalOwnerId: number | null };

const toView = ({ personalOwnerId, ...row }: ViewRow): WorkspaceView => ({
  ...row,
  personal: personalOwnerId !== null,
});

/**
 * The workspaces among `ids` that `userId` belongs to, as that member sees them: the personal
 * workspace first, then team workspaces by name (case-insensitively) and id.
 */
export async function findWorkspaceViews(
  db: DbOrTx,
  userId: number,
  ids: readonly number[],
): Promise<WorkspaceView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(viewColumns)
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(
      and(eq(workspaceMembers.userId, userId), inArray(workspaceMembers.workspaceId, [...ids])),
    )
    .orderBy(
      sql`${workspaces.personalOwnerId} is null`,
      sql`lower(${workspaces.name})`,
      asc(workspaces.id),
    );
  return rows.map(toView);
}

export async function findWorkspaceView(
  db: DbOrTx,
  userId: number,
  workspaceId: number,
): Promise<WorkspaceView | undefined> {
  const [view] = await findWorkspaceViews(db, userId, [workspaceId]);
  return view;
}

/** A team workspace (no personal owner); returns its id. */
export async function insertWorkspace(
  tx: Tx,
  values: { name: string; membersSeeTeamTime: boolean; now: Date },
): Promise<number> {
  const [row] = await tx
    .insert(workspaces)
    .values({
      name: values.name,
      membersSeeTeamTime: values.membersSeeTeamTime,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning({ id: workspaces.id });
  if (!row) throw new Error('insert into workspaces returned no row');
  return row.id;
}

export async function updateWorkspace(
  db: DbOrTx,
  workspaceId: number,
  changes: { name?: string; membersSeeTeamTime?: boolean },
  now: Date,
): Promise<void> {
  await db
    .update(workspaces)
    .set({ ...changes, updatedAt: now, version: sql`${workspaces.version} + 1` })
    .where(eq(workspaces.id, workspaceId));
}

/** Deletes the workspace; foreign keys cascade to its members, invitations, projects and tasks. */
export async function deleteWorkspace(db: DbOrTx, workspaceId: number): Promise<void> {
  await db.delete(workspaces).where(eq(workspaces.id, workspaceId));
}

/**
 * Row-locks the workspace for the rest of the transaction. Every change to its member list takes
 * this lock first, so two of them never both count the same owners (the one-owner trigger runs
 * at commit, when a concurrent transaction's change may not be visible yet).
 */
export async function lockWorkspace(
  tx: Tx,
  workspaceId: number,
): Promise<{ personal: boolean } | undefined> {
  const [row] = await tx
    .select({ personalOwnerId: workspaces.personalOwnerId })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update');
  return row ? { personal: row.personalOwnerId !== null } : undefined;
}

const memberColumns = {
  userId: workspaceMembers.userId,
  email: users.email,
  fullName: users.fullName,
  role: workspaceMembers.role,
  joinedAt: workspaceMembers.createdAt,
};

/** Members by role strength (the enum's order: owner first), then by when they joined. */
export async function listMembers(db: DbOrTx, workspaceId: number): Promise<MemberView[]> {
  return db
    .select(memberColumns)
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.role), asc(workspaceMembers.createdAt), asc(users.id));
}

export async function findMember(
  db: DbOrTx,
  workspaceId: number,
  userId: number,
): Promise<MemberView | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row;
}

/** Whether an account with this email (any case) is a member of the workspace. */
export async function isMemberByEmail(
  db: DbOrTx,
  workspaceId: number,
  email: string,
): Promise<boolean> {
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(
      and(
        eq(workspaceMembers.workspaceId, workspaceId),
        sql`lower(${users.email}) = lower(${email})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function countOwners(tx: Tx, workspaceId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')));
  return row?.n ?? 0;
}

export async function insertMember(
  tx: Tx,
  values: { workspaceId: number; userId: number; role: Role; now: Date },
): Promise<void> {
  await tx.insert(workspaceMembers).values({
    workspaceId: values.workspaceId,
    userId: values.userId,
    role: values.role,
    createdAt: values.now,
  });
}

export async function updateMemberRole(
  tx: Tx,
  workspaceId: number,
  userId: number,
  role: Role,
): Promise<void> {
  await tx
    .update(workspaceMembers)
    .set({ role })
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
}

/** Removes the membership; the member's tasks in the workspace lose their assignee (FK SET NULL). */
export async function deleteMember(tx: Tx, workspaceId: number, userId: number): Promise<void> {
  await tx
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
}

/** A team workspace the user belongs to, with what account deletion must know about it. */
export interface TeamMembership {
  workspaceId: number;
  role: Role;
  memberCount: number;
  ownerCount: number;
}

/**
 * The user's team workspaces, row-locked (in id order, so two deletions cannot deadlock) before
 * their members are counted: a membership change that commits meanwhile waits for the lock, and
 * the counts read after it are current.
 */
export async function lockTeamMemberships(tx: Tx, userId: number): Promise<TeamMembership[]> {
  const mine = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
    .where(and(eq(workspaceMembers.userId, userId), isNull(workspaces.personalOwnerId)))
    .orderBy(asc(workspaces.id))
    .for('update', { of: workspaces });
  if (mine.length === 0) return [];
  return tx
    .select({
      workspaceId: workspaceMembers.workspaceId,
      role: workspaceMembers.role,
      memberCount,
      ownerCount: sql<number>`(select count(*)::int from ${workspaceMembers} o where o.workspace_id = ${workspaces.id} and o.role = 'owner')`,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(
      and(
        eq(workspaceMembers.userId, userId),
        inArray(
          workspaceMembers.workspaceId,
          mine.map((w) => w.id),
        ),
      ),
    )
    .orderBy(asc(workspaceMembers.workspaceId));
}

export async function deleteWorkspaces(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(workspaces).where(inArray(workspaces.id, [...ids]));
}

/** The account's email (an invitation is for one address). */
export async function findUserEmail(db: DbOrTx, userId: number): Promise<string | undefined> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}
