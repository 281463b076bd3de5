import { verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { consume } from '@/lib/ratelimit';
import { addressKey } from '@/lib/ratelimit/address';
import { getAgencySettings } from '@/lib/settings/agency';
import { staffAccountColumns, type StaffRole } from '@/lib/staff/users';
import { mustEnrolTotp } from './session-rules';
import { spendTotpCode } from './totp';

// Staff sign-in: password (argon2id), lockout after repeated failures, the TOTP second factor
// when enrolled (lib/auth/totp.ts), and an audit row for every attempt. NextAuth's Credentials
// provider (lib/auth/index.ts) is the only caller on the web; tests call it directly.

export const SIGN_IN_LOCK = { maxFailures: 5, minutes: 15 } as const;

// An argon2id hash of a random password nobody knows, with the same parameters as the real ones
// (@node-rs/argon2 defaults, as used by createStaffUser): an unknown email costs one verification
// like a known one, so response time does not reveal which emails have accounts.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$HIBEPmt9GDD5DYCsaedR3A$kw0CduzIF1PoYDZbi2lC/WGUPxH8f9l9wbMuXlKiMoU';

export type SignInFailure = 'invalid' | 'locked' | 'totp_required' | 'totp_invalid' | 'inactive';

export type SignedInUser = { id: string; name: string; email: string; role: StaffRole; sessionVersion: number };

export type SignInResult = { ok: true; user: SignedInUser; mustEnrolTotp: boolean } | { ok: false; reason: SignInFailure };

export async function verifyStaffCredentials(
  db: Db,
  input: { email: string; password: string; totp?: string | null; ip: string | null },
): Promise<SignInResult> {
  // Many accounts tried from one address (password spraying) are slowed down as well.
  const byIp = await consume(db, 'signin-ip', addressKey(input.ip ?? 'unknown'), 30, 15 * 60);
  if (!byIp.ok) {
    // Recorded once per window: every refused attempt would let anyone fill the audit log.
    if (byIp.firstRefusal) await audit(db, { actorType: 'staff', action: 'auth.sign_in_failed', ip: input.ip, detail: { reason: 'rate_limited' } });
    return { ok: false, reason: 'locked' };
  }
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select({
      ...staffAccountColumns,
      passwordHash: users.passwordHash,
      totpSecret: users.totpSecret,
      totpRequired: users.totpRequired,
      sessionVersion: users.sessionVersion,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
    })
    .from(users)
    .where(eq(users.email, email));

  const fail = async (reason: SignInFailure, actorId: string | null): Promise<SignInResult> => {
    await audit(db, { actorType: 'staff', actorId, action: 'auth.sign_in_failed', ip: input.ip, detail: { reason } });
    return { ok: false, reason };
  };

  if (!user || !user.passwordHash) {
    await passwordMatches(DUMMY_HASH, input.password);
    return fail('invalid', user?.id ?? null);
  }
  // While locked even the right password is refused, so guessing cannot carry on.
  if (user.locked) return fail('locked', user.id);

  if (!(await passwordMatches(user.passwordHash, input.password))) {
    return fail((await recordFailure(db, user.id)) ? 'locked' : 'invalid', user.id);
  }
  // Checked after the password, so the answer says nothing about an account to someone without it.
  if (!user.active) return fail('inactive', user.id);

  if (user.totpSecret) {
    const code = await spendTotpCode(db, { id: user.id, encryptedSecret: user.totpSecret }, input.totp);
    if (code === 'missing') return fail('totp_required', user.id);
    // A wrong or replayed code counts towards the lockout like a wrong password.
    if (code === 'invalid') return fail((await recordFailure(db, user.id)) ? 'locked' : 'totp_invalid', user.id);
  }

  // The agency setting is read only when it can change the answer.
  const agencyRequiresTotp = user.totpSecret || user.totpRequired ? false : (await getAgencySettings(db)).requireTotp;
  const enrol = mustEnrolTotp(user, agencyRequiresTotp);
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  await audit(db, {
    actorType: 'staff',
    actorId: user.id,
    action: 'auth.sign_in',
    ip: input.ip,
    detail: { totp: Boolean(user.totpSecret), mustEnrolTotp: enrol },
  });
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion },
    mustEnrolTotp: enrol,
  };
}

async function passwordMatches(hash: string, password: string): Promise<boolean> {
  try {
    return await verify(hash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a server error
  }
}

/**
 * Counts one failure in a single UPDATE (concurrent attempts cannot lose a count). The fifth in a
 * row locks the account for 15 minutes and starts the count again, so after the lock ends the
 * officer has five fresh attempts. Returns whether the account is now locked.
 */
async function recordFailure(db: Db, userId: string): Promise<boolean> {
  const reachesLimit = sql`${users.failedLogins} + 1 >= ${SIGN_IN_LOCK.maxFailures}`;
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${reachesLimit} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${reachesLimit} then now() + ${sql.raw(`interval '${SIGN_IN_LOCK.minutes} minutes'`)} else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)` });
  return Boolean(row?.locked);
}
