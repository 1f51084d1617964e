import { isCheckViolation } from '../../db/errors.js';
import type { Db, Tx } from '../../db/types.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { requireMembership, requireRole, type Caller, type Membership } from './access.service.js';
import { authorize, type Role } from './workspaces.policy.js';
import { endRunningEntryIn } from '../ledger/ledger.service.js';
import * as repo from './workspaces.repository.js';
import type { MemberView } from './workspaces.schemas.js';

/** The constraint trigger of migration 0006 that keeps an owner in every workspace. */
export const ONE_OWNER_TRIGGER = 'workspace_members_one_owner';

const memberNotFound = (): AppError => notFound('No such member in this workspace.');

export const lastOwner = (): AppError =>
  new AppError('last_owner', {
    detail: 'A workspace must keep an owner: make another member owner first.',
  });

/**
 * Runs a transaction that changes memberships. The service checks the owner count itself, under
 * the workspace's row lock; the deferred trigger is the backstop, and its error (raised at
 * COMMIT) means the same thing, so it answers the same 409.
 */
export async function ownerGuarded<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (err) {
    if (isCheckViolation(err, ONE_OWNER_TRIGGER)) throw lastOwner();
    throw err;
  }
}

/** A workspace's members: list them, change a role, remove one or leave. */
export class MembersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, workspaceId: number): Promise<MemberView[]> {
    await requireRole(this.db, caller, workspaceId, 'workspace.read');
    return repo.listMembers(this.db, workspaceId);
  }

  /**
   * Admins set roles below owner on members who are not owners; making an owner, or changing an
   * owner's role, needs an owner. The last owner cannot be demoted.
   */
  async changeRole(
    caller: Caller,
    workspaceId: number,
    userId: number,
    role: Role,
  ): Promise<MemberView> {
    return ownerGuarded(this.db, async (tx) => {
      const me = await lockAsMember(tx, caller, workspaceId);
      const target = await findTarget(tx, workspaceId, userId);
      // One check, naming the role this change needs: owner when an owner is made or unmade.
      const ownerChange = target.role === 'owner' || role === 'owner';
      authorize(me.role, ownerChange ? 'workspace.owner' : 'workspace.admin');
      if (target.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, workspaceId);
      if (target.role !== role) await repo.updateMemberRole(tx, workspaceId, userId, role);
      return { ...target, role };
    });
  }

  /**
   * On oneself: leaving, open to every role, except the last owner and the owner of a personal
   * workspace. On someone else: admins remove members who are not owners; owners remove owners.
   */
  async remove(caller: Caller, workspaceId: number, userId: number): Promise<void> {
    await ownerGuarded(this.db, async (tx) => {
      const me = await lockAsMember(tx, caller, workspaceId);
      const leaving = userId === caller.userId;
      if (leaving && me.personal) {
        throw new AppError('personal_workspace', {
          detail: 'You cannot leave your personal workspace.',
        });
      }
      const target = await findTarget(tx, workspaceId, userId);
      if (!leaving) {
        authorize(me.role, target.role === 'owner' ? 'workspace.owner' : 'workspace.admin');
      }
      if (target.role === 'owner') await assertAnotherOwner(tx, workspaceId);
      // A timer they left running there stops now: it would otherwise run on, unseen and
      // unstoppable by them, crediting a workspace they no longer belong to.
      await endRunningEntryIn(tx, { userId, workspaceId, at: this.clock() });
      await repo.deleteMember(tx, workspaceId, userId);
    });
  }
}

/**
 * Locks the workspace row first, so membership changes to one workspace run one at a time and
 * every count and role read after the lock is current; then the caller's membership (404 for a
 * stranger, the same as for a workspace that does not exist).
 */
async function lockAsMember(tx: Tx, caller: Caller, workspaceId: number): Promise<Membership> {
  await requireMembership(tx, caller, workspaceId);
  await repo.lockWorkspace(tx, workspaceId);
  // Re-read under the lock: the role may have changed while we waited for it.
  return requireMembership(tx, caller, workspaceId);
}

async function findTarget(tx: Tx, workspaceId: number, userId: number): Promise<MemberView> {
  const target = await repo.findMember(tx, workspaceId, userId);
  if (!target) throw memberNotFound();
  return target;
}

async function assertAnotherOwner(tx: Tx, workspaceId: number): Promise<void> {
  if ((await repo.countOwners(tx, workspaceId)) < 2) throw lastOwner();
}
