import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { settings, users } from '@/lib/db/schema';
import { staffAccountColumns, type StaffRole } from '@/lib/staff/users';
import type { StaffClaims } from './config';
import { sessionEndedSql } from './session-end';
import { isSessionCurrent, mustEnrolTotp } from './session-rules';

export type StaffSession = {
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
  mustEnrolTotp: boolean;
  /** The first admin's generated password: until replaced, only the account page and its password form. */
  mustChangePassword: boolean;
  /** This session's own id (signing out ends it: lib/auth/session-end.ts). */
  sessionId: string;
};

/**
 * The one check of a session token against the database (getStaffSession calls it on every
 * request): one query reads the account, whether this session id was signed out (a primary-key
 * lookup in ended_sessions) and the agency's TOTP setting; the token is honoured only if
 * isSessionCurrent says so.
 */
export async function staffSessionFor(db: Db, claims: Pick<StaffClaims, 'id' | 'sessionVersion' | 'sid'>): Promise<StaffSession | null> {
  const [user] = await db
    .select({
      ...staffAccountColumns,
      sessionVersion: users.sessionVersion,
      totpSecret: users.totpSecret,
      totpRequired: users.totpRequired,
      mustChangePassword: users.mustChangePassword,
      sessionEnded: sessionEndedSql(claims.sid),
      // Read live, so switching the agency setting on reaches sessions already open.
      agencyRequiresTotp: sql<boolean>`coalesce((select (${settings.value} ->> 'requireTotp')::boolean from ${settings} where ${settings.key} = 'agency'), false)`,
    })
    .from(users)
    .where(eq(users.id, claims.id));
  if (!isSessionCurrent(claims, user)) return null;
  return { userId: user.id, name: user.name, email: user.email, role: user.role, mustEnrolTotp: mustEnrolTotp(user, user.agencyRequiresTotp), mustChangePassword: user.mustChangePassword, sessionId: claims.sid };
}
