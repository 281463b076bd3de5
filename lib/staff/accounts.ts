import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { checkPassword, type PasswordRefusal } from '@/lib/auth/password-policy';
import { nextSessionVersion } from '@/lib/auth/session-version';
import type { Db, Tx } from '@/lib/db';
import { staffTokens, users, type StaffTokenPurpose } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { enqueueEmail } from '@/lib/jobs/boss';
import { consume } from '@/lib/ratelimit';
import { addressKey } from '@/lib/ratelimit/address';
import { rateLimited, type RateLimitedRefusal } from '@/lib/ratelimit/public';
import { createStaffUser, type StaffRole } from './users';
import { notBefore } from '@/lib/http/equal-time';

// A staff account's whole life with its password: an admin invites an officer (no admin ever
// sees or types an officer's password), the officer sets it from a single-use emailed link, changes
// it on their account page, or gets a new link when they forgot it. One password policy
// (lib/auth/password-policy.ts) everywhere, and every password change ends the account's other
// sessions (session_version). Links are 256 random bits; only their SHA-256 is stored
// (`staff_tokens`), and the raw token travels sealed in the email job, as lookup links do.

export const STAFF_LINK_TTL_MINUTES: Record<StaffTokenPurpose, number> = {
  invite: 72 * 60, // three days: an invitation may wait over a weekend
  reset: 30,
};

/** "Forgot password": per address and per email, each an hour. */
export const RESET_LIMITS = { perAddress: 10, perEmail: 3, seconds: 3600 } as const;
/** Known and unknown emails answer after at least this long, so timing tells nothing. */
const RESET_MIN_ANSWER_MS = 600;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * A new link for the account, in the caller's transaction: any earlier unused link of the account
 * stops working (only the newest invitation or reset link opens), and the email job goes with it.
 */
async function issueLink(tx: Tx, userId: string, purpose: StaffTokenPurpose): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await tx.update(staffTokens).set({ usedAt: sql`now()` }).where(and(eq(staffTokens.userId, userId), isNull(staffTokens.usedAt)));
  const [row] = await tx
    .insert(staffTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + STAFF_LINK_TTL_MINUTES[purpose] * 60_000) })
    .returning({ id: staffTokens.id });
  await enqueueEmail(tx, { kind: 'staff-password-link', tokenId: row.id, purpose, sealedToken: encryptPii(token, piiKeys(getEnv().PII_KEY).enc) });
}

/** "Jemput pegawai": the account without a password, and the invitation link emailed to it. */
export async function inviteStaff(
  db: Db,
  actor: { userId: string; ip?: string | null },
  input: { name: string; email: string; role: StaffRole },
): Promise<{ id: string; name: string; email: string; role: StaffRole }> {
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    // Two admins inviting one address at once: one account, one refusal.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`staff-email:${email}`}, 0))`);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new AppError('email_taken');
    const u = await createStaffUser(tx, { ...input, email, password: null });
    await issueLink(tx, u.id, 'invite');
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'staff.created', targetType: 'user', targetId: u.id, ip: actor.ip ?? null, detail: { role: u.role, invited: true } });
    return u;
  });
}

/** A new invitation link for an officer who has not set a password yet (the old link stops working). */
export async function resendInvite(db: Db, actor: { userId: string; ip?: string | null }, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw new AppError('not_found', 404);
    // An officer with a password uses "Lupa kata laluan"; a deactivated one gets nothing.
    if (u.passwordHash || !u.active) throw new AppError('forbidden', 403);
    await issueLink(tx, u.id, 'invite');
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'staff.invite_resent', targetType: 'user', targetId: u.id, ip: actor.ip ?? null });
  });
}

/**
 * "Lupa kata laluan": always the same answer, after the same minimum time, whether or not the
 * email has an account. A known, active account gets a reset link (30 minutes); an address that
 * asks too often is refused (that says nothing about any email); an email asked for too often is
 * silently sent nothing more.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string }): Promise<{ ok: true } | RateLimitedRefusal> {
  const started = Date.now();
  const result = await resetRequest(db, input);
  await notBefore(started, RESET_MIN_ANSWER_MS);
  return result;
}

async function resetRequest(db: Db, input: { email: string; ip: string }): Promise<{ ok: true } | RateLimitedRefusal> {
  const byAddress = await consume(db, 'staff-reset-ip', addressKey(input.ip), RESET_LIMITS.perAddress, RESET_LIMITS.seconds);
  if (!byAddress.ok) return rateLimited(db, byAddress.retryAfterSeconds);
  const email = normaliseEmail(input.email);
  const byEmail = await consume(db, 'staff-reset-email', hashPii(email, piiKeys(getEnv().PII_KEY).mac), RESET_LIMITS.perEmail, RESET_LIMITS.seconds);
  if (!byEmail.ok) return { ok: true };
  // The same work for a known and an unknown email: one transaction, one lookup under the lock.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`staff-email:${email}`}, 0))`);
    const [u] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.email, email));
    if (u?.active) {
      await issueLink(tx, u.id, 'reset');
      await audit(tx, { actorType: 'staff', actorId: u.id, action: 'auth.password_reset_requested', targetType: 'user', targetId: u.id, ip: input.ip });
    }
  });
  return { ok: true };
}

export type StaffLink = { purpose: StaffTokenPurpose; name: string; email: string };

/** What the set-password page shows for a link, without spending it (mail scanners open links). */
export async function peekStaffLink(db: Db, token: string): Promise<StaffLink | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ purpose: staffTokens.purpose, name: users.name, email: users.email })
    .from(staffTokens)
    .innerJoin(users, eq(users.id, staffTokens.userId))
    .where(and(eq(staffTokens.tokenHash, hashToken(token)), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, sql`now()`), eq(users.active, true)));
  return row ?? null;
}

export type SetPasswordResult = { ok: true; purpose: StaffTokenPurpose } | { ok: false; reason: 'link_invalid' } | { ok: false; reason: PasswordRefusal | 'password_mismatch'; field: 'password' | 'confirm' };

/**
 * Sets the password from a link: the policy first (a refusal spends nothing), then in one
 * transaction the link is spent (unused, unexpired, its account active), the password stored, every
 * session of the account ended and the "change your password" mark cleared.
 */
export async function setPasswordWithLink(db: Db, input: { token: string; password: string; confirm: string; ip?: string | null }): Promise<SetPasswordResult> {
  const link = await peekStaffLink(db, input.token);
  if (!link) return { ok: false, reason: 'link_invalid' };
  const refusal = checkPassword(input.password, link);
  if (refusal) return { ok: false, reason: refusal, field: 'password' };
  if (input.password !== input.confirm) return { ok: false, reason: 'password_mismatch', field: 'confirm' };
  const passwordHash = await hash(input.password);
  return db.transaction(async (tx): Promise<SetPasswordResult> => {
    const [spent] = await tx
      .update(staffTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(staffTokens.tokenHash, hashToken(input.token)), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, sql`now()`)))
      .returning({ userId: staffTokens.userId, purpose: staffTokens.purpose });
    if (!spent) return { ok: false, reason: 'link_invalid' };
    const [u] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: nextSessionVersion(), mustChangePassword: false, failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.id, spent.userId), eq(users.active, true)))
      .returning({ id: users.id });
    if (!u) return { ok: false, reason: 'link_invalid' };
    // Any other link of the account stops working too.
    await tx.update(staffTokens).set({ usedAt: sql`now()` }).where(and(eq(staffTokens.userId, u.id), isNull(staffTokens.usedAt)));
    await audit(tx, { actorType: 'staff', actorId: u.id, action: 'auth.password_set', targetType: 'user', targetId: u.id, ip: input.ip ?? null, detail: { purpose: spent.purpose } });
    return { ok: true, purpose: spent.purpose };
  });
}

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; reason: 'current_wrong'; field: 'current' }
  | { ok: false; reason: PasswordRefusal | 'password_mismatch' | 'password_same'; field: 'password' | 'confirm' };

/**
 * The officer's own change: the current password, the policy, the confirmation. Ends every session
 * of the account, this one included (the caller signs the officer in again).
 */
export async function changeOwnPassword(
  db: Db,
  input: { userId: string; current: string; password: string; confirm: string; ip?: string | null },
): Promise<ChangePasswordResult> {
  const [u] = await db.select({ email: users.email, name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!u?.passwordHash) throw new AppError('not_found', 404);
  if (input.current.length > 1024 || !(await verify(u.passwordHash, input.current).catch(() => false))) {
    return { ok: false, reason: 'current_wrong', field: 'current' };
  }
  const refusal = checkPassword(input.password, u);
  if (refusal) return { ok: false, reason: refusal, field: 'password' };
  if (input.password === input.current) return { ok: false, reason: 'password_same', field: 'password' };
  if (input.password !== input.confirm) return { ok: false, reason: 'password_mismatch', field: 'confirm' };
  const passwordHash = await hash(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, sessionVersion: nextSessionVersion(), mustChangePassword: false }).where(eq(users.id, input.userId));
    await tx.update(staffTokens).set({ usedAt: sql`now()` }).where(and(eq(staffTokens.userId, input.userId), isNull(staffTokens.usedAt)));
    await audit(tx, { actorType: 'staff', actorId: input.userId, action: 'auth.password_changed', targetType: 'user', targetId: input.userId, ip: input.ip ?? null });
  });
  return { ok: true };
}
