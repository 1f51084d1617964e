import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/** The user's profile time zone: where a date `from`/`to` names a local day. */
export async function findUserTimezone(db: DbOrTx, userId: number): Promise<string | undefined> {
  const rows = await db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  return rows[0]?.timezone;
}
