import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
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

// The second factor: an authenticator app (TOTP). Enrolment, verification at sign-in with a
// replay guard (each time step is accepted once), removal by an admin, and whether an officer
// must enrol. The secret is stored encrypted (the PII key), never in clear.

/** Authenticator parameters understood by every common app (Google/Microsoft Authenticator, Aegis…). */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const TOTP_WINDOW = 1; // accept the previous and the next 30-second step too (clock drift)
const TOTP_ISSUER = 'Helpdesk iSPEKS';

function normaliseCode(code: string | null | undefined): string | null {
  const digits = (code ?? '').replace(/\s+/g, '');
  return digits === '' ? null : digits;
}

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32) });
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
 * Checks a sign-in code against the account's (encrypted) secret and spends its time step in
 * the same UPDATE, so the same code, or an older one, is never accepted twice.
 */
export async function spendTotpCode(
  db: Db,
  account: { id: string; encryptedSecret: string },
  code: string | null | undefined,
): Promise<'missing' | 'invalid' | 'accepted'> {
  const digits = normaliseCode(code);
  if (!digits) return 'missing';
  const step = codeStep(decryptTotpSecret(account.encryptedSecret), digits);
  if (step === null) return 'invalid';
  const spent = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, account.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
    .returning({ id: users.id });
  return spent.length === 1 ? 'accepted' : 'invalid';
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
  if (!code || codeStep(secret, code) === null) return { ok: false, reason: 'code_invalid' };
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
