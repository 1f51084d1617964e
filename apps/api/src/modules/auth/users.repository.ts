import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(
  db: DbOrTx,
  values: { email: string; passwordHash: string; fullName: string | null; timezone: string },
): Promise<UserRow | undefined> {
  // The only unique constraint a new row can hit is the lower(email) index: on a duplicate,
  // ON CONFLICT DO NOTHING returns no row instead of raising.
  const rows = await db.insert(users).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function updateUser(
  db: DbOrTx,
  id: number,
  changes: Partial<
    Pick<
      UserRow,
      'fullName' | 'timezone' | 'weekStart' | 'activityEntities' | 'passwordHash' | 'isActive'
    >
  >,
): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return rows[0];
}

export async function deleteUser(db: DbOrTx, id: number): Promise<void> {
  await db.delete(users).where(eq(users.id, id));
}

/** Row-locks the user for the rest of the transaction, serialising per-user limits (token count). */
export async function lockUser(tx: DbOrTx, id: number): Promise<boolean> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
  return rows.length > 0;
}

/** The user's calendar: the zone where a date names a local day, and the first day of a week. */
export interface UserCalendar {
  timezone: string;
  weekStart: 'monday' | 'sunday';
}

/** The user's profile calendar (time entry periods, metrics), or undefined when no such user. */
export async function findUserCalendar(
  db: DbOrTx,
  userId: number,
): Promise<UserCalendar | undefined> {
  const rows = await db
    .select({ timezone: users.timezone, weekStart: users.weekStart })
    .from(users)
    .where(eq(users.id, userId));
  return rows[0];
}
