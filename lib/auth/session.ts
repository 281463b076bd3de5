import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { settings, users } from '@/lib/db/schema';
import { staffAccountColumns, type StaffRole } from '@/lib/staff/users';
import { auth } from './index';
import { isSessionCurrent, mustEnrolTotp } from './session-rules';

export type StaffSession = {
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
  mustEnrolTotp: boolean;
  /** The first admin's generated password: until replaced, only the account page and its password form. */
  mustChangePassword: boolean;
};

/**
 * The signed-in officer, or null. The token alone is not trusted for long: every request re-reads
 * the account (one small query), so deactivation and "sign out everywhere" end sessions at once
 * and a role change applies on the next request. Cached per request (layout + page + action).
 */
export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const claims = (await auth())?.staff;
  if (!claims) return null;
  const [user] = await getDb()
    .select({
      ...staffAccountColumns,
      sessionVersion: users.sessionVersion,
      totpSecret: users.totpSecret,
      totpRequired: users.totpRequired,
      mustChangePassword: users.mustChangePassword,
      // Read live, so switching the agency setting on reaches sessions already open.
      agencyRequiresTotp: sql<boolean>`coalesce((select (${settings.value} ->> 'requireTotp')::boolean from ${settings} where ${settings.key} = 'agency'), false)`,
    })
    .from(users)
    .where(eq(users.id, claims.id));
  if (!isSessionCurrent(claims, user)) return null;
  return { userId: user.id, name: user.name, email: user.email, role: user.role, mustEnrolTotp: mustEnrolTotp(user, user.agencyRequiresTotp), mustChangePassword: user.mustChangePassword };
});
