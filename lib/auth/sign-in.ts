import { createHash } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { rateLimits, users } from '@/lib/db/schema';
import { consume, isBlocked, penalise, resetLimit } from '@/lib/ratelimit';
import { addressKey } from '@/lib/ratelimit/address';
import { getAgencySettings } from '@/lib/settings/agency';
import { staffAccountColumns, type StaffRole } from '@/lib/staff/users';
import { mustEnrolTotp } from './session-rules';
import { spendSecondFactor } from './totp';

// Staff sign-in: password (argon2id), a lockout per email and address, the TOTP second factor
// (or a one-time recovery code) when enrolled (lib/auth/totp.ts), and an audit row for every
// attempt. NextAuth's Credentials provider (lib/auth/index.ts) is the only caller on the web;
// tests call it directly.
//
// The lockout cannot be used to tell which emails have accounts, nor to keep an officer out:
// - It counts failures per (email as typed, client address), not per account: five failures
//   within 15 minutes hold that email *from that address* until the window ends. Someone guessing
//   from elsewhere therefore cannot lock the officer out of their own PC (a hard per-account lock
//   could be kept shut for ever with five wrong passwords every 15 minutes); a colleague behind
//   the same office NAT could hold it for at most 15 minutes at a time, and an admin's "unlock"
//   clears it. Guessing many accounts or many passwords from one address is stopped by the
//   per-address limit (30 failures in 15 minutes, checked before anything else; successes do not
//   count, so a whole office behind one address signs in every morning).
// - Unknown emails are counted and held exactly like known ones (the key is the email typed,
//   not an account id), and a held pair gets the same answer as a wrong password ('invalid'):
//   the real reason ('locked', 'unknown') is kept only in the audit log.
// - Every failure does the same work: the address limit, the account read, the hold check, one
//   argon2 verification (a dummy hash for unknown emails, the real one even while held), one
//   failure count and one audit row. tests/integration/lockout-timing.test.ts compares the
//   answer times.
// What remains: a guesser with many addresses gets five tries per address every 15 minutes on
// one account; the password policy and TOTP are the answer to that, not a lock the same guesser
// could turn against the officer.

export const SIGN_IN_LOCK = { maxFailures: 5, minutes: 15 } as const;
const ADDRESS_LIMIT = { attempts: 30, minutes: 15 } as const;
const FAILURES = 'signin-fail';
const ADDRESS_FAILURES = 'signin-ip';

// An argon2id hash of a random password nobody knows, with the same parameters as the real ones
// (@node-rs/argon2 defaults, as used by createStaffUser): an unknown email costs one verification
// like a known one, so response time does not reveal which emails have accounts.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$HIBEPmt9GDD5DYCsaedR3A$kw0CduzIF1PoYDZbi2lC/WGUPxH8f9l9wbMuXlKiMoU';

/**
 * Why a sign-in failed. The caller (and so the sign-in page) sees 'invalid' for an unknown email,
 * a held email and address, a wrong password and a deactivated account alike; 'locked' only for
 * the address limit (which says nothing about any email); the TOTP reasons only after the right
 * password.
 */
export type SignInFailure = 'invalid' | 'locked' | 'totp_required' | 'totp_invalid' | 'inactive';
/** What the audit log records: the real reason. */
type AuditedFailure = SignInFailure | 'unknown' | 'held' | 'rate_limited';

export type SignedInUser = { id: string; name: string; email: string; role: StaffRole; sessionVersion: number };

export type SignInResult = { ok: true; user: SignedInUser; mustEnrolTotp: boolean } | { ok: false; reason: SignInFailure };

/** The failure count's key: the email as typed (hashed: no emails in clear in rate_limits) and the address. */
export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
const failureKey = (email: string, ip: string | null) => `${emailKey(email)}:${addressKey(ip ?? 'unknown')}`;

/** An admin's "unlock": forgets the failures counted for this email from every address. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await resetLimit(db, FAILURES, `${emailKey(email)}:`, { prefix: true });
}

/** Until when this email is held from some address (for the officers' list), or null. */
export const signInHeldUntilSql = (email: AnyPgColumn) =>
  sql<Date | null>`(select max(${rateLimits.expire}) from ${rateLimits}
    where ${rateLimits.key} like ${FAILURES + ':'} || encode(sha256(convert_to(lower(${email}), 'UTF8')), 'hex') || ':%'
      and ${rateLimits.points} >= ${SIGN_IN_LOCK.maxFailures} and ${rateLimits.expire} > now())`;

export async function verifyStaffCredentials(
  db: Db,
  input: { email: string; password: string; totp?: string | null; ip: string | null },
): Promise<SignInResult> {
  // Many failures from one address (password spraying) stop that address for a while. Only
  // failures count: a whole office behind one address signs in every morning without using it up.
  const address = addressKey(input.ip ?? 'unknown');
  if (await isBlocked(db, ADDRESS_FAILURES, address, ADDRESS_LIMIT.attempts)) {
    const byIp = await consume(db, ADDRESS_FAILURES, address, ADDRESS_LIMIT.attempts, ADDRESS_LIMIT.minutes * 60);
    // Recorded once per window: every refused attempt would let anyone fill the audit log.
    if (!byIp.ok && byIp.firstRefusal) await audit(db, { actorType: 'staff', action: 'auth.sign_in_failed', ip: input.ip, detail: { reason: 'rate_limited' } });
    return { ok: false, reason: 'locked' };
  }
  const email = input.email.trim().toLowerCase();
  const key = failureKey(email, input.ip);
  const [[user], held] = await Promise.all([
    db
      .select({
        ...staffAccountColumns,
        passwordHash: users.passwordHash,
        totpSecret: users.totpSecret,
        totpRequired: users.totpRequired,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.email, email)),
    isBlocked(db, FAILURES, key, SIGN_IN_LOCK.maxFailures),
  ]);

  const fail = async (reason: AuditedFailure, actorId: string | null, { count = true } = {}): Promise<SignInResult> => {
    if (count) {
      await penalise(db, FAILURES, key, SIGN_IN_LOCK.maxFailures, SIGN_IN_LOCK.minutes * 60);
      await penalise(db, ADDRESS_FAILURES, address, ADDRESS_LIMIT.attempts, ADDRESS_LIMIT.minutes * 60);
    }
    await audit(db, { actorType: 'staff', actorId, action: 'auth.sign_in_failed', ip: input.ip, detail: { reason } });
    return { ok: false, reason: reason === 'unknown' || reason === 'held' ? 'invalid' : (reason as SignInFailure) };
  };

  // Always one verification, whichever way this ends (see above).
  const passwordRight = await passwordMatches(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !user.passwordHash) return fail('unknown', user?.id ?? null);
  // While held even the right password is refused, so guessing cannot carry on.
  if (held) return fail('held', user.id);
  if (!passwordRight) return fail('invalid', user.id);
  // Checked after the password, so the answer says nothing about an account to someone without it.
  if (!user.active) return fail('inactive', user.id, { count: false });

  let recoveryCode = false;
  if (user.totpSecret) {
    const code = await spendSecondFactor(db, { id: user.id, encryptedSecret: user.totpSecret }, input.totp);
    if (code === 'missing') return fail('totp_required', user.id, { count: false });
    // A wrong or replayed code (or recovery code) counts towards the hold like a wrong password.
    if (code === 'invalid') return fail('totp_invalid', user.id);
    recoveryCode = code === 'recovery';
  }

  // The agency setting is read only when it can change the answer.
  const agencyRequiresTotp = user.totpSecret || user.totpRequired ? false : (await getAgencySettings(db)).requireTotp;
  const enrol = mustEnrolTotp(user, agencyRequiresTotp);
  await resetLimit(db, FAILURES, key);
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  await audit(db, {
    actorType: 'staff',
    actorId: user.id,
    action: 'auth.sign_in',
    ip: input.ip,
    detail: { totp: Boolean(user.totpSecret), mustEnrolTotp: enrol, ...(recoveryCode ? { recoveryCode: true } : {}) },
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
