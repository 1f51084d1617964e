import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { invitations } from '../../db/schema/index.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { InvitationView } from './invitations.schemas.js';

/** SQL for invitations. The token itself is never stored, only its hash. */

const viewColumns = {
  id: invitations.id,
  workspaceId: invitations.workspaceId,
  email: invitations.email,
  role: invitations.role,
  invitedBy: invitations.invitedBy,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
};

export async function insertInvitation(
  db: DbOrTx,
  values: {
    workspaceId: number;
    email: string;
    role: InvitationView['role'];
    tokenHash: string;
    invitedBy: number;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<InvitationView> {
  const [row] = await db.insert(invitations).values(values).returning(viewColumns);
  if (!row) throw new Error('insert into invitations returned no row');
  return row;
}

/** Not accepted and not expired at `now`, oldest first. */
export async function listPendingInvitations(
  db: DbOrTx,
  workspaceId: number,
  now: Date,
): Promise<InvitationView[]> {
  return db
    .select(viewColumns)
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
}

/** Which workspace an invitation belongs to (to check the caller's role there). */
export async function findInvitationWorkspace(db: DbOrTx, id: number): Promise<number | undefined> {
  const [row] = await db
    .select({ workspaceId: invitations.workspaceId })
    .from(invitations)
    .where(eq(invitations.id, id));
  return row?.workspaceId;
}

export async function deleteInvitation(
  db: DbOrTx,
  workspaceId: number,
  id: number,
): Promise<boolean> {
  const rows = await db
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/**
 * The invitation with this token hash, row-locked until the transaction ends: of two accepts of
 * one token, the second waits here and then sees the first one's `accepted_at`.
 */
export async function lockInvitationByHash(
  tx: Tx,
  tokenHash: string,
): Promise<InvitationView | undefined> {
  const [row] = await tx
    .select(viewColumns)
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash))
    .for('update');
  return row;
}

export async function markAccepted(
  tx: Tx,
  id: number,
  values: { acceptedBy: number; acceptedAt: Date },
): Promise<void> {
  await tx.update(invitations).set(values).where(eq(invitations.id, id));
}
