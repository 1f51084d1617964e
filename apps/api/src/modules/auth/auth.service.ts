import type { Config } from '../../config.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, validationError } from '../../shared/errors.js';
import { isValidTimezone } from '../../shared/timezone.js';
import type { PasswordHasher } from './password.js';
import { passwordProblem } from './password-policy.js';
import * as sessionsRepo from './sessions.repository.js';
import { REFRESH_TOKEN_PREFIX, hashToken, newOpaqueToken, type AccessTokens } from './tokens.js';
import { insertPersonalWorkspace } from '../workspaces/personal.repository.js';
import * as usersRepo from './users.repository.js';
import type { UserRow } from './users.repository.js';
import type { UserResponse } from './auth.schemas.js';

export interface TokenPair {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

export function toUserResponse(user: UserRow): UserResponse {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    is_active: user.isActive,
    timezone: user.timezone,
    week_start: user.weekStart,
    activity_entities: user.activityEntities,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

const DAY_MS = 86_400_000;

/**
 * Told about every session or token this process revokes or changes, so it can drop its cached
 * checks at once (other processes rely on the cache's short TTL; the database is the truth).
 */
export interface RevocationListener {
  /** Revoked, deleted, or changed (a rotation moved the expiry). */
  forgetSessions(sessionIds: readonly number[]): void;
  forgetPersonalTokens(tokenHashes: readonly string[]): void;
  /** A spent refresh token came back: its session was revoked (a security event worth logging). */
  refreshTokenReused(sessionId: number): void;
}

/** What the auth services are built from (plugins/auth.ts wires them). */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  revocations: RevocationListener;
}

const refreshRejected = (): AppError =>
  new AppError('invalid_token', {
    detail: 'The refresh token is invalid, expired or revoked; log in again.',
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/** The throttle subject of one account, shared by login and password confirmations. */
export const accountSubject = (userId: number): string => `user:${String(userId)}`;

/** Accounts and sessions: the use cases behind /auth/register, login, refresh and logout. */
export class AuthService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly revocations: RevocationListener;
  private readonly refreshTokenTtlDays: number;
  readonly hasher: PasswordHasher;
  readonly accessTokens: AccessTokens;

  constructor(
    deps: AuthDeps & {
      settings: Pick<Config['auth'], 'refreshTokenTtlDays'>;
      hasher: PasswordHasher;
      accessTokens: AccessTokens;
    },
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.revocations = deps.revocations;
    this.refreshTokenTtlDays = deps.settings.refreshTokenTtlDays;
    this.hasher = deps.hasher;
    this.accessTokens = deps.accessTokens;
  }

  async register(input: {
    email: string;
    password: string;
    full_name?: string | null;
    timezone?: string;
  }): Promise<UserRow> {
    const email = input.email.trim();
    const timezone = input.timezone ?? 'UTC';
    if (!isValidTimezone(timezone))
      throw validationError('body.timezone', 'must be an IANA time zone name');
    const problem = passwordProblem(input.password, email);
    if (problem) throw validationError('body.password', problem);
    // Hash before asking the database, so a taken email costs the same time as a free one.
    const passwordHash = await this.hasher.hash(input.password);
    // The account and its personal workspace come into being together.
    const user = await this.db.transaction(async (tx) => {
      const row = await usersRepo.insertUser(tx, {
        email,
        passwordHash,
        fullName: input.full_name?.trim() || null,
        timezone,
      });
      if (row) await insertPersonalWorkspace(tx, row.id);
      return row;
    });
    if (!user)
      throw new AppError('email_taken', { detail: 'An account with this email already exists.' });
    return user;
  }

  /**
   * What the per-account throttle counts: the account the email finds (by the same lookup as
   * login), or, for an email that finds none, the email itself.
   */
  async throttleSubject(email: string): Promise<string> {
    const user = await usersRepo.findUserByEmail(this.db, email.trim());
    return user ? accountSubject(user.id) : `email:${email.trim().toLowerCase()}`;
  }

  /** Same 401, same message and about the same work for an unknown email and a wrong password. */
  async login(email: string, password: string, userAgent: string | null): Promise<TokenPair> {
    const user = await usersRepo.findUserByEmail(this.db, email.trim());
    const ok = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyDummy(password);
    if (!user || !ok || !user.isActive) {
      throw new AppError('invalid_credentials', {
        detail: 'The email or password is incorrect.',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await usersRepo.updateUser(this.db, user.id, {
        passwordHash: await this.hasher.hash(password),
      });
    }
    return this.startSession(user.id, userAgent);
  }

  /** Creates a login family and its first token pair, atomically. */
  async startSession(userId: number, userAgent: string | null): Promise<TokenPair> {
    const now = this.clock().getTime();
    const expiresAt = new Date(now + this.refreshTokenTtlDays * DAY_MS);
    const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const sessionId = await this.db.transaction(async (tx) => {
      const id = await sessionsRepo.insertSession(tx, {
        userId,
        expiresAt,
        userAgent: userAgent?.slice(0, 500) ?? null,
      });
      await sessionsRepo.insertRefreshToken(tx, {
        sessionId: id,
        tokenHash: hashToken(refreshToken),
        expiresAt,
      });
      return id;
    });
    return this.pair(userId, sessionId, refreshToken);
  }

  pair(userId: number, sessionId: number, refreshToken: string): TokenPair {
    return {
      access_token: this.accessTokens.issue(userId, sessionId),
      token_type: 'bearer',
      expires_in: this.accessTokens.ttlSeconds,
      refresh_token: refreshToken,
    };
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new pair is issued for the same
   * session. A spent token presented again means two parties hold the family, so the whole
   * session is revoked and the caller gets 401 (the legitimate user logs in again).
   */
  async refresh(presented: string): Promise<TokenPair> {
    const now = this.clock();
    const tokenHash = hashToken(presented);
    const outcome = await this.db.transaction(async (tx) => {
      const spent = await sessionsRepo.spendRefreshToken(tx, tokenHash, now);
      if (!spent) {
        const family = await sessionsRepo.findRefreshTokenSession(tx, tokenHash);
        if (family === undefined) return { kind: 'unknown' as const };
        await sessionsRepo.revokeSession(tx, family, 'refresh_token_reuse');
        return { kind: 'reused' as const, sessionId: family };
      }
      const state = await sessionsRepo.findSessionState(tx, spent.sessionId);
      if (
        !state ||
        state.revoked ||
        !state.userActive ||
        state.expiresAt <= now ||
        spent.expiresAt <= now
      ) {
        // Thrown inside the transaction, so the token is not marked spent by a refused attempt.
        throw refreshRejected();
      }
      const expiresAt = new Date(now.getTime() + this.refreshTokenTtlDays * DAY_MS);
      const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
      await sessionsRepo.insertRefreshToken(tx, {
        sessionId: spent.sessionId,
        tokenHash: hashToken(refreshToken),
        expiresAt,
      });
      await sessionsRepo.extendSession(tx, spent.sessionId, expiresAt);
      return {
        kind: 'rotated' as const,
        userId: state.userId,
        sessionId: spent.sessionId,
        refreshToken,
      };
    });
    if (outcome.kind === 'rotated') {
      this.revocations.forgetSessions([outcome.sessionId]); // its cached expiry is stale now
      return this.pair(outcome.userId, outcome.sessionId, outcome.refreshToken);
    }
    if (outcome.kind === 'reused') {
      this.revocations.forgetSessions([outcome.sessionId]);
      this.revocations.refreshTokenReused(outcome.sessionId);
    }
    throw refreshRejected();
  }

  /**
   * Revokes the session the refresh token belongs to (spent or not). Unknown tokens are ignored,
   * as RFC 7009 does, so the endpoint tells a caller nothing about tokens it does not hold.
   */
  async logout(presented: string): Promise<void> {
    const sessionId = await sessionsRepo.findRefreshTokenSession(this.db, hashToken(presented));
    if (sessionId === undefined) return;
    await sessionsRepo.revokeSession(this.db, sessionId, 'logout');
    this.revocations.forgetSessions([sessionId]);
  }

  /**
   * Confirms the password of a signed-in user (change-password, account deletion). A wrong one is
   * 403, not 401: the caller's token is fine, and clients must not take it for a dead session.
   */
  async confirmPassword(user: UserRow, password: string): Promise<void> {
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw new AppError('incorrect_password', { detail: 'The password is incorrect.' });
    }
  }

  async getUser(userId: number): Promise<UserRow> {
    const user = await usersRepo.findUserById(this.db, userId);
    if (!user)
      throw new AppError('invalid_token', {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    return user;
  }
}
