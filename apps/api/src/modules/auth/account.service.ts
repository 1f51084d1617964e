import type { Db, Tx } from '../../db/types.js';
import { AppError, validationError } from '../../shared/errors.js';
import { isValidTimezone } from '../../shared/timezone.js';
import type { AuthDeps, AuthService, RevocationListener } from './auth.service.js';
import type { PasswordHasher } from './password.js';
import { passwordProblem } from './password-policy.js';
import { listPersonalTokenHashes } from './personal-tokens.repository.js';
import * as sessionsRepo from './sessions.repository.js';
import * as usersRepo from './users.repository.js';
import type { UserRow } from './users.repository.js';
import { deleteWorkspaces, lockTeamMemberships } from '../workspaces/workspaces.repository.js';

/** What the account use cases borrow from login: the user's row and the password check. */
type Login = Pick<AuthService, 'getUser' | 'confirmPassword'>;

/** The signed-in user's own account: profile, password and deletion. */
export class AccountService {
  private readonly db: Db;
  private readonly revocations: RevocationListener;
  private readonly auth: Login;
  private readonly hasher: PasswordHasher;

  constructor(deps: AuthDeps & { auth: Login; hasher: PasswordHasher }) {
    this.db = deps.db;
    this.revocations = deps.revocations;
    this.auth = deps.auth;
    this.hasher = deps.hasher;
  }

  async updateProfile(
    userId: number,
    changes: {
      full_name?: string | null;
      timezone?: string;
      week_start?: UserRow['weekStart'];
      activity_entities?: UserRow['activityEntities'];
    },
  ): Promise<UserRow> {
    const patch: Partial<
      Pick<UserRow, 'fullName' | 'timezone' | 'weekStart' | 'activityEntities'>
    > = {};
    if (changes.week_start !== undefined) patch.weekStart = changes.week_start;
    if (changes.activity_entities !== undefined) patch.activityEntities = changes.activity_entities;
    if (changes.timezone !== undefined) {
      if (!isValidTimezone(changes.timezone)) {
        throw validationError('body.timezone', 'must be an IANA time zone name');
      }
      patch.timezone = changes.timezone;
    }
    // Like register: surrounding blanks are dropped and a blank name means no name.
    if (changes.full_name !== undefined) patch.fullName = changes.full_name?.trim() || null;
    if (Object.keys(patch).length === 0) return this.auth.getUser(userId);
    const user = await usersRepo.updateUser(this.db, userId, patch);
    if (!user) return this.auth.getUser(userId);
    return user;
  }

  /**
   * Replaces the password after confirming the current one, and signs out every other session
   * (a stolen session must not survive the owner's reaction). The caller's session stays.
   * Personal access tokens are separate credentials with their own list and are kept.
   */
  async changePassword(
    userId: number,
    currentSessionId: number | null,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.auth.getUser(userId);
    await this.auth.confirmPassword(user, currentPassword);
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw validationError('body.new_password', problem);
    const passwordHash = await this.hasher.hash(newPassword);
    const revoked = await this.db.transaction(async (tx) => {
      await usersRepo.updateUser(tx, userId, { passwordHash });
      return sessionsRepo.revokeOtherSessions(tx, userId, currentSessionId, 'password_changed');
    });
    this.revocations.forgetSessions(revoked);
  }

  /**
   * Ends every login of the user, the caller's included: each session's refresh token stops
   * working, and access tokens within the session check's cache time (AUTH_CACHE_MS). Personal
   * access tokens are not logins: they are revoked one by one.
   */
  async signOutEverywhere(userId: number): Promise<void> {
    const revoked = await sessionsRepo.revokeOtherSessions(
      this.db,
      userId,
      null,
      'signed_out_everywhere',
    );
    this.revocations.forgetSessions(revoked);
  }

  /**
   * Deletes the user; foreign keys cascade to sessions, tokens, the personal workspace (with its
   * tasks and entries) and memberships. Team workspaces where the user is alone go too. A team
   * workspace that the user is the sole owner of, and that has other members, would be left
   * without an owner: then nothing is deleted (409 `sole_owner`, naming the workspaces), and the
   * user hands ownership on or removes the others first.
   */
  async deleteAccount(userId: number, password: string): Promise<void> {
    const user = await this.auth.getUser(userId);
    await this.auth.confirmPassword(user, password);
    const { sessionIds, tokenHashes } = await this.db.transaction(async (tx) => {
      await deleteTeamWorkspacesOf(tx, userId);
      const found = {
        sessionIds: await sessionsRepo.listSessionIds(tx, userId),
        tokenHashes: await listPersonalTokenHashes(tx, userId),
      };
      await usersRepo.deleteUser(tx, userId);
      return found;
    });
    this.revocations.forgetSessions(sessionIds);
    this.revocations.forgetPersonalTokens(tokenHashes);
  }
}

/** Deletes the team workspaces the user is alone in; 409 `sole_owner` if one would lose its owner. */
async function deleteTeamWorkspacesOf(tx: Tx, userId: number): Promise<void> {
  const teams = await lockTeamMemberships(tx, userId);
  const blocking = teams
    .filter((t) => t.memberCount > 1 && t.role === 'owner' && t.ownerCount === 1)
    .map((t) => t.workspaceId);
  if (blocking.length > 0) {
    throw new AppError('sole_owner', {
      detail:
        `You are the only owner of ${blocking.length === 1 ? 'a team workspace' : 'team workspaces'} ` +
        'with other members: make someone else owner, or remove the members, first.',
      extensions: { workspace_ids: blocking },
    });
  }
  await deleteWorkspaces(
    tx,
    teams.filter((t) => t.memberCount === 1).map((t) => t.workspaceId),
  );
}
