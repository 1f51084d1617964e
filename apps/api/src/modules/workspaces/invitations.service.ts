import { hashToken, newOpaqueToken } from '../../shared/opaque-token.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound } from '../../shared/errors.js';
import { requireRole, type Caller } from './access.service.js';
import * as invitationsRepo from './invitations.repository.js';
import {
  EXPIRY_DAYS,
  type CreateInvitationBody,
  type InvitationView,
} from './invitations.schemas.js';
import type { Role } from './workspaces.policy.js';
import * as repo from './workspaces.repository.js';
import type { WorkspaceView } from './workspaces.schemas.js';

const DAY_MS = 86_400_000;
/** Tells secret scanners (and people) what a leaked string is. */
export const INVITATION_TOKEN_PREFIX = 'dti_';
/** Where the web app reads the token: in the fragment, which never reaches a server log. */
export const ACCEPT_PATH = '/app/invite#';

/** A new invitation token and its stored hash (the scheme of every opaque token). */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = newOpaqueToken(INVITATION_TOKEN_PREFIX);
  return { token, tokenHash: hashInvitationToken(token) };
}

export const hashInvitationToken = hashToken;

const invitationNotFound = (): AppError => notFound('The invitation does not exist.');

/** Invitations: an admin invites an email address; that account accepts with the token. */
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Admins and owners; never into a personal workspace; not someone already in. */
  async create(
    caller: Caller,
    workspaceId: number,
    body: CreateInvitationBody,
  ): Promise<{ invitation: InvitationView; token: string }> {
    const membership = await requireRole(this.db, caller, workspaceId, 'workspace.admin');
    if (membership.personal) {
      throw new AppError('personal_workspace', {
        detail: 'A personal workspace has one member; create a team workspace to invite people.',
      });
    }
    const { email } = body;
    if (await repo.isMemberByEmail(this.db, workspaceId, email)) {
      throw new AppError('already_member', {
        detail: 'An account with this email is already a member of the workspace.',
      });
    }
    const { token, tokenHash } = newInvitationToken();
    const now = this.clock();
    const days = body.expires_in_days ?? EXPIRY_DAYS.default;
    const invitation = await invitationsRepo.insertInvitation(this.db, {
      workspaceId,
      email,
      role: body.role,
      tokenHash,
      invitedBy: caller.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    });
    return { invitation, token };
  }

  async listPending(caller: Caller, workspaceId: number): Promise<InvitationView[]> {
    await requireRole(this.db, caller, workspaceId, 'workspace.admin');
    return invitationsRepo.listPendingInvitations(this.db, workspaceId, this.clock());
  }

  /** Admins and owners of the invitation's workspace; anyone else learns nothing (404). */
  async remove(caller: Caller, id: number): Promise<void> {
    const workspaceId = await invitationsRepo.findInvitationWorkspace(this.db, id);
    if (workspaceId === undefined) throw invitationNotFound();
    await requireRole(this.db, caller, workspaceId, 'workspace.admin', {}, invitationNotFound);
    if (!(await invitationsRepo.deleteInvitation(this.db, workspaceId, id))) {
      throw invitationNotFound();
    }
  }

  /**
   * Joins the caller with the invitation's role. One transaction with the invitation row locked,
   * so of two accepts of one token exactly one wins. The token alone is not enough: the caller's
   * account must have the invited email, so a leaked link is useless to anyone else.
   */
  async accept(caller: Caller, token: string): Promise<{ workspace: WorkspaceView; role: Role }> {
    const now = this.clock();
    const invitation = await this.db.transaction(async (tx) => {
      const found = await invitationsRepo.lockInvitationByHash(tx, hashInvitationToken(token));
      if (!found) throw invitationNotFound();
      if (found.acceptedAt !== null) {
        throw new AppError('invitation_used', { detail: 'This invitation has been accepted.' });
      }
      if (found.expiresAt.getTime() <= now.getTime()) {
        throw new AppError('invitation_expired', {
          detail: 'This invitation has expired; ask for a new one.',
        });
      }
      const email = await repo.findUserEmail(tx, caller.userId);
      if (email?.toLowerCase() !== found.email.toLowerCase()) {
        throw new AppError('invitation_email_mismatch', {
          detail: 'This invitation is for another email address; sign in with that account.',
        });
      }
      // Serialises with member removals and account deletions touching the workspace.
      await repo.lockWorkspace(tx, found.workspaceId);
      if (await repo.findMember(tx, found.workspaceId, caller.userId)) {
        throw new AppError('already_member', {
          detail: 'You are already a member of this workspace.',
        });
      }
      await repo.insertMember(tx, {
        workspaceId: found.workspaceId,
        userId: caller.userId,
        role: found.role,
        now,
      });
      await invitationsRepo.markAccepted(tx, found.id, {
        acceptedBy: caller.userId,
        acceptedAt: now,
      });
      return found;
    });
    const workspace = await repo.findWorkspaceView(this.db, caller.userId, invitation.workspaceId);
    if (!workspace) throw invitationNotFound();
    return { workspace, role: invitation.role };
  }
}
