import { eq, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';

// Ending sessions. A session token carries the account's session_version from sign-in, and
// getStaffSession (lib/auth/session.ts) refuses a token whose version is no longer the account's
// (lib/auth/session-rules.ts), so moving the version on ends every session of the account at once.

/** For an UPDATE's `set`: moves session_version on (sign out everywhere, deactivation, role change). */
export const nextSessionVersion = () => sql`${users.sessionVersion} + 1`;

/** The officer's own "sign out everywhere"; audited. */
export async function signOutEverywhere(db: Db, userId: string, ip?: string | null): Promise<{ sessionVersion: number }> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: nextSessionVersion() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error('signOutEverywhere: no such user');
  await audit(db, { actorType: 'staff', actorId: userId, action: 'auth.sign_out_everywhere', targetType: 'user', targetId: userId, ip: ip ?? null });
  return row;
}
