import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import { requireRole, visibleMemberships, type Caller } from './access.service.js';
import * as repo from './workspaces.repository.js';
import type {
  CreateWorkspaceBody,
  PatchWorkspaceBody,
  WorkspaceView,
} from './workspaces.schemas.js';

/** A name as stored: trimmed, not blank, no NUL (PostgreSQL text cannot hold one). */
export function workspaceName(raw: string, location: string): string {
  const name = raw.trim();
  if (name.length === 0) throw validationError(location, 'must not be blank');
  if (name.includes('\u0000')) throw validationError(location, 'must not contain NUL characters');
  return name;
}

/** Workspaces: list, create, read, rename or change the setting, delete. */
export class WorkspacesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Every workspace the caller belongs to (only the token's one, for a limited token). */
  async list(caller: Caller): Promise<WorkspaceView[]> {
    const memberships = await visibleMemberships(this.db, caller);
    return repo.findWorkspaceViews(
      this.db,
      caller.userId,
      memberships.map((m) => m.workspaceId),
    );
  }

  async get(caller: Caller, workspaceId: number): Promise<WorkspaceView> {
    await requireRole(this.db, caller, workspaceId, 'workspace.read');
    return this.view(caller.userId, workspaceId);
  }

  /** A team workspace with the caller as its owner, in one transaction. */
  async create(caller: Caller, body: CreateWorkspaceBody): Promise<WorkspaceView> {
    const name = workspaceName(body.name, 'body.name');
    const now = this.clock();
    const id = await this.db.transaction(async (tx) => {
      const workspaceId = await repo.insertWorkspace(tx, {
        name,
        membersSeeTeamTime: body.members_see_team_time ?? false,
        now,
      });
      await repo.insertMember(tx, { workspaceId, userId: caller.userId, role: 'owner', now });
      return workspaceId;
    });
    return this.view(caller.userId, id);
  }

  /** Owners only. A personal workspace may be renamed too. */
  async update(
    caller: Caller,
    workspaceId: number,
    body: PatchWorkspaceBody,
  ): Promise<WorkspaceView> {
    await requireRole(this.db, caller, workspaceId, 'workspace.owner');
    const changes: { name?: string; membersSeeTeamTime?: boolean } = {};
    if (body.name !== undefined) changes.name = workspaceName(body.name, 'body.name');
    if (body.members_see_team_time !== undefined) {
      changes.membersSeeTeamTime = body.members_see_team_time;
    }
    if (Object.keys(changes).length > 0) {
      await repo.updateWorkspace(this.db, workspaceId, changes, this.clock());
    }
    return this.view(caller.userId, workspaceId);
  }

  /**
   * Owners only; everything in it goes (members, invitations, projects, tasks, entries). A
   * personal workspace goes only with its account.
   */
  async remove(caller: Caller, workspaceId: number): Promise<void> {
    const membership = await requireRole(this.db, caller, workspaceId, 'workspace.owner');
    if (membership.personal) {
      throw new AppError('personal_workspace', {
        detail: 'A personal workspace is deleted only with its account.',
      });
    }
    await repo.deleteWorkspace(this.db, workspaceId);
  }

  private async view(userId: number, workspaceId: number): Promise<WorkspaceView> {
    const view = await repo.findWorkspaceView(this.db, userId, workspaceId);
    // Deleted, or the caller removed, between the check and this read.
    if (!view) throw notFound('The workspace does not exist.');
    return view;
  }
}
