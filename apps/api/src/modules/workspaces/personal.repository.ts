import { workspaceMembers, workspaces } from '../../db/schema/index.js';
import type { Tx } from '../../db/types.js';

/**
 * A new account's personal workspace, with the account as its owner. Registration calls it in the
 * transaction that inserts the user, so no account ever exists without one.
 */
export async function insertPersonalWorkspace(tx: Tx, userId: number): Promise<number> {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ name: 'Personal', personalOwnerId: userId })
    .returning({ id: workspaces.id });
  if (!workspace) throw new Error('insert into workspaces returned no row');
  await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId, role: 'owner' });
  return workspace.id;
}
