import { verify } from '@node-rs/argon2';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { consume } from '@/lib/ratelimit';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii, encryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { getAgencySettings } from '@/lib/settings/agency';
import type { StaffRole } from '@/lib/staff/users';
import { can } from './permissions';
import { mustEnrolTotp } from './session-rules';

// Staff sign-in: password (argon2id), lockout after repeated failures, optional TOTP second
// factor, and an audit row for every attempt. NextAuth's Credentials provider (lib/auth/index.ts)
// is the only caller on the web; tests call it directly.

export const SIGN_IN_LOCK = { maxFailures: 5, minutes: 15 } as const;

/** Authenticator parameters understood by every common app (Google/Microsoft Authenticator, Aegis…). */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const TOTP_WINDOW = 1; // accept the previous and the next 30-second step too (clock drift)
const TOTP_ISSUER = 'Helpdesk iSPEKS';

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
  const byIp = await consume(db, 'signin-ip', input.ip ?? 'unknown', 30, 15 * 60);
  if (!byIp.ok) {
    await audit(db, { actorType: 'staff', action: 'auth.sign_in_failed', ip: input.ip, detail: { reason: 'rate_limited' } });
    return { ok: false, reason: 'locked' };
  }
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      passwordHash: users.passwordHash,
      totpSecret: users.totpSecret,
      totpRequired: users.totpRequired,
      sessionVersion: users.sessionVersion,
      active: users.active,
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
    const code = normaliseCode(input.totp);
    if (!code) return fail('totp_required', user.id);
    const step = codeStep(decryptTotpSecret(user.totpSecret), code);
    // Spend the step atomically: the same code (or an older one) cannot be used again.
    const spent =
      step !== null &&
      (
        await db
          .update(users)
          .set({ totpLastStep: step })
          .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
          .returning({ id: users.id })
      ).length === 1;
    if (!spent) {
      return fail((await recordFailure(db, user.id)) ? 'locked' : 'totp_invalid', user.id);
    }
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

// ---------------------------------------------------------------------------------------------
// TOTP (authenticator app)

function normaliseCode(code: string | null | undefined): string | null {
  const digits = (code ?? '').replace(/\s+/g, '');
  return digits === '' ? null : digits;
}

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32) });
}

function codeMatches(secretBase32: string, code: string): boolean {
  return codeStep(secretBase32, code) !== null;
}

/** The absolute time step a valid code belongs to, or null. */
function codeStep(secretBase32: string, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secretBase32);
  const delta = t.validate({ token: code, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(Date.now() / 1000 / t.period) + delta;
}

function encryptTotpSecret(secretBase32: string): string {
  return encryptPii(secretBase32, piiKeys(getEnv().PII_KEY).enc);
}

function decryptTotpSecret(stored: string): string {
  return decryptPii(stored, piiKeys(getEnv().PII_KEY).enc);
}

/**
 * A new secret (160 bits, base32) and its otpauth:// URI, NOT stored: the enrolment form carries
 * the secret back with the first code, and only a secret the officer's app has proven it holds is
 * saved (confirmTotpEnrolment).
 */
export function beginTotpEnrolment(account: { email: string }): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totp(secret, account.email).toString() };
}

export type TotpEnrolmentResult = { ok: true } | { ok: false; reason: 'secret_invalid' | 'code_invalid' | 'already_enrolled' };

export async function confirmTotpEnrolment(
  db: Db,
  input: { userId: string; secret: string; code: string; ip?: string | null },
): Promise<TotpEnrolmentResult> {
  const secret = input.secret.replace(/\s+/g, '').toUpperCase();
  // Exactly what beginTotpEnrolment makes: 20 bytes → 32 base32 characters.
  if (!/^[A-Z2-7]{32}$/.test(secret)) return { ok: false, reason: 'secret_invalid' };
  const code = normaliseCode(input.code);
  if (!code || !codeMatches(secret, code)) return { ok: false, reason: 'code_invalid' };
  // Only when none is set: someone holding a stolen session must not swap the officer's second
  // factor for their own. An admin removes the old one first (disableTotp).
  const [row] = await db
    .update(users)
    .set({ totpSecret: encryptTotpSecret(secret) })
    .where(and(eq(users.id, input.userId), isNull(users.totpSecret)))
    .returning({ id: users.id });
  if (!row) return { ok: false, reason: 'already_enrolled' };
  await audit(db, { actorType: 'staff', actorId: input.userId, action: 'auth.totp_enrolled', targetType: 'user', targetId: input.userId, ip: input.ip ?? null });
  return { ok: true };
}

/** Removes an officer's authenticator (lost phone). Admins only (`staff.manage`); audited. */
export async function disableTotp(
  db: Db,
  input: { actor: { userId: string; role: StaffRole }; userId: string; ip?: string | null },
): Promise<{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' }> {
  if (!can(input.actor.role, 'staff.manage')) return { ok: false, reason: 'forbidden' };
  const [row] = await db.update(users).set({ totpSecret: null }).where(eq(users.id, input.userId)).returning({ id: users.id });
  if (!row) return { ok: false, reason: 'not_found' };
  await audit(db, {
    actorType: 'staff',
    actorId: input.actor.userId,
    action: 'auth.totp_disabled',
    targetType: 'user',
    targetId: input.userId,
    ip: input.ip ?? null,
  });
  return { ok: true };
}

/** For the account page: whether the officer has an authenticator, and whether one is required. */
export async function getTotpStatus(db: Db, userId: string): Promise<{ enrolled: boolean; required: boolean }> {
  const [user] = await db.select({ totpSecret: users.totpSecret, totpRequired: users.totpRequired }).from(users).where(eq(users.id, userId));
  if (!user) return { enrolled: false, required: false };
  return { enrolled: Boolean(user.totpSecret), required: user.totpRequired || (await getAgencySettings(db)).requireTotp };
}

/** Right after a sign-in: whether the officer must enrol first (the sign-in form then opens /konsol/akaun). */
export async function needsTotpEnrolment(db: Db, email: string): Promise<boolean> {
  const [user] = await db
    .select({ totpSecret: users.totpSecret, totpRequired: users.totpRequired })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!user || user.totpSecret) return false;
  return mustEnrolTotp(user, user.totpRequired || (await getAgencySettings(db)).requireTotp);
}

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * Ends every session of the account at once: tokens carry the sessionVersion they were issued
 * with, and getStaffSession refuses a token whose version is no longer the account's.
 */
export async function signOutEverywhere(db: Db, userId: string, ip?: string | null): Promise<{ sessionVersion: number }> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error('signOutEverywhere: no such user');
  await audit(db, { actorType: 'staff', actorId: userId, action: 'auth.sign_out_everywhere', targetType: 'user', targetId: userId, ip: ip ?? null });
  return row;
}
