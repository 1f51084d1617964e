import { and, eq } from 'drizzle-orm';
import { workspaceMembers, workspaces } from '../../src/db/schema/index.js';
import type { DbOrTx } from '../../src/db/types.js';
import type { Role } from '../../src/modules/workspaces/workspaces.policy.js';

/**
 * Team workspaces and memberships written straight into the database, so tests can set up a team
 * without going through the workspace and invitation routes (and before those exist). Pass the
 * app's Drizzle handle: `t.database.db` (or `t.app.database.db`).
 */

export interface TeamSpec {
  ownerId: number;
  /** Everyone else, with their role (an `owner` here makes a second owner). */
  members?: { userId: number; role: Role }[];
  /** Default: a unique "Team n". */
  name?: string;
  membersSeeTeamTime?: boolean;
}

let teams = 0;

/** A team workspace (no personal owner) with its owner and members; returns its id. */
export async function createTeam(db: DbOrTx, spec: TeamSpec): Promise<number> {
  teams += 1;
  // One transaction: the deferred one-owner trigger checks at commit, when the owner row exists.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workspaces)
      .values({
        name: spec.name ?? `Team ${teams}`,
        membersSeeTeamTime: spec.membersSeeTeamTime ?? false,
      })
      .returning({ id: workspaces.id });
    if (!row) throw new Error('insert into workspaces returned no row');
    await tx.insert(workspaceMembers).values([
      { workspaceId: row.id, userId: spec.ownerId, role: 'owner' as const },
      ...(spec.members ?? []).map((m) => ({
        workspaceId: row.id,
        userId: m.userId,
        role: m.role,
      })),
    ]);
    return row.id;
  });
}

/** Adds one member to an existing workspace. */
export async function addMember(
  db: DbOrTx,
  workspaceId: number,
  userId: number,
  role: Role,
): Promise<void> {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role });
}

/** Changes a member's role (the one-owner trigger still applies). */
export async function setRole(
  db: DbOrTx,
  workspaceId: number,
  userId: number,
  role: Role,
): Promise<void> {
  await db
    .update(workspaceMembers)
    .set({ role })
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
}

/** The user's personal workspace id (every account gets one at registration). */
export async function personalWorkspaceId(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.personalOwnerId, userId));
  if (!row) throw new Error(`user ${userId} has no personal workspace`);
  return row.id;
}
