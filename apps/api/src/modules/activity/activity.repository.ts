import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { heartbeats, users, workspaces } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export type HeartbeatRow = typeof heartbeats.$inferSelect;
export type NewHeartbeat = Omit<typeof heartbeats.$inferInsert, 'id' | 'createdAt' | 'isWrite'> & {
  isWrite: boolean;
};

export interface ActivityOwner {
  workspaceId: number;
  timezone: string;
  activityEntities: 'full' | 'basename' | 'none';
}

/** The user's personal workspace (where heartbeats live), zone and privacy setting. */
export async function findActivityOwner(
  db: DbOrTx,
  userId: number,
): Promise<ActivityOwner | undefined> {
  const rows = await db
    .select({
      workspaceId: workspaces.id,
      timezone: users.timezone,
      activityEntities: users.activityEntities,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.personalOwnerId, users.id))
    .where(eq(users.id, userId));
  return rows[0];
}

/**
 * Inserts the heartbeats in one statement; a duplicate (same user, time, entity and is_write)
 * is skipped by the unique key. Returns the rows inserted; the skipped ones are read back by
 * `findDuplicates`.
 */
export async function insertHeartbeats(
  db: DbOrTx,
  rows: readonly NewHeartbeat[],
): Promise<HeartbeatRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(heartbeats)
    .values([...rows])
    .onConflictDoNothing()
    .returning();
}

/** The stored heartbeats at these instants (the candidates for the skipped duplicates). */
export async function findHeartbeatsAt(
  db: DbOrTx,
  owner: { workspaceId: number; userId: number },
  times: readonly Date[],
): Promise<HeartbeatRow[]> {
  if (times.length === 0) return [];
  return db
    .select()
    .from(heartbeats)
    .where(
      and(
        eq(heartbeats.workspaceId, owner.workspaceId),
        eq(heartbeats.userId, owner.userId),
        inArray(heartbeats.time, [...times]),
      ),
    );
}

/** The instants (epoch ms) of the user's heartbeats in [from, to), oldest first. */
export async function listHeartbeatTimes(
  db: DbOrTx,
  owner: { workspaceId: number; userId: number },
  from: Date,
  to: Date,
): Promise<number[]> {
  const rows = await db
    .select({ time: heartbeats.time })
    .from(heartbeats)
    .where(
      and(
        eq(heartbeats.workspaceId, owner.workspaceId),
        eq(heartbeats.userId, owner.userId),
        gte(heartbeats.time, from),
        lt(heartbeats.time, to),
      ),
    )
    .orderBy(asc(heartbeats.time));
  return rows.map((r) => r.time.getTime());
}

/**
 * Retention (ACTIVITY_RETENTION_DAYS): deletes every heartbeat older than `days` days before
 * `now`. Returns how many were deleted.
 */
export async function purgeOldHeartbeats(db: DbOrTx, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const rows = await db
    .delete(heartbeats)
    .where(lt(heartbeats.time, cutoff))
    .returning({ one: sql<number>`1` });
  return rows.length;
}
