import { and, eq } from 'drizzle-orm';
import { workspaceMembers, workspaces } from '../../db/schema/index.js';
import { statement } from '../../db/statement.js';
import type { DbOrTx } from '../../db/types.js';
import type { Role } from './workspaces.policy.js';

/**
 * Who is asking, as the workspace rules see it: the user, and the one workspace their personal
 * access token is limited to (null: every workspace they belong to). The request's AuthContext is
 * one. Here, at the bottom layer, so that repositories can take it too.
 */
export interface Caller {
  userId: number;
  workspaceId: number | null;
}

/** A user's place in one workspace: what every authorization decision starts from. */
export interface Membership {
  workspaceId: number;
  role: Role;
  /** The user's own personal workspace (never shared, never deleted by hand). */
  personal: boolean;
  membersSeeTeamTime: boolean;
}

const membershipColumns = {
  workspaceId: workspaceMembers.workspaceId,
  role: workspaceMembers.role,
  personalOwnerId: workspaces.personalOwnerId,
  membersSeeTeamTime: workspaces.membersSeeTeamTime,
};

type MembershipRow = {
  workspaceId: number;
  role: Role;
  personalOwnerId: number | null;
  membersSeeTeamTime: boolean;
};

const toMembership = (row: MembershipRow): Membership => ({
  workspaceId: row.workspaceId,
  role: row.role,
  personal: row.personalOwnerId !== null,
  membersSeeTeamTime: row.membersSeeTeamTime,
});

const allStatement = statement<{ userId: number }, MembershipRow[]>((db, p) =>
  db
    .select(membershipColumns)
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, p('userId')))
    .orderBy(workspaceMembers.workspaceId),
);

/** Every workspace the user belongs to, by id. */
export async function findMemberships(db: DbOrTx, userId: number): Promise<Membership[]> {
  return (await allStatement(db, { userId })).map(toMembership);
}

const oneStatement = statement<{ userId: number; workspaceId: number }, MembershipRow[]>((db, p) =>
  db
    .select(membershipColumns)
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(
      and(
        eq(workspaceMembers.userId, p('userId')),
        eq(workspaceMembers.workspaceId, p('workspaceId')),
      ),
    ),
);

/** The user's membership of one workspace; undefined when not a member (or no such workspace). */
export async function findMembership(
  db: DbOrTx,
  userId: number,
  workspaceId: number,
): Promise<Membership | undefined> {
  const [row] = await oneStatement(db, { userId, workspaceId });
  return row ? toMembership(row) : undefined;
}

const personalStatement = statement<{ userId: number }, { id: number }[]>((db, p) =>
  db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.personalOwnerId, p('userId'))),
);

/** The user's personal workspace (every user has exactly one). */
export async function findPersonalWorkspaceId(
  db: DbOrTx,
  userId: number,
): Promise<number | undefined> {
  const [row] = await personalStatement(db, { userId });
  return row?.id;
}
