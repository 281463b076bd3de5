import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { totpRecoveryCodes, users } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii, encryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { enqueueEmail } from '@/lib/jobs/boss';
import { getAgencySettings } from '@/lib/settings/agency';
import type { StaffRole } from '@/lib/staff/users';
import { can } from './permissions';
import { replaceRecoveryCodes, spendRecoveryCode } from './recovery-codes';
import { nextSessionVersion } from './session-version';
import { mustEnrolTotp } from './session-rules';

// The second factor: an authenticator app (TOTP). Enrolment (a QR code beside the secret, and
// one-time recovery codes: lib/auth/recovery-codes.ts), verification at sign-in with a replay
// guard (each time step is accepted once), reset by an admin, and whether an officer must enrol.
// The secret is stored encrypted (the PII key), never in clear.

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
 * The second step of a sign-in: a 6-digit code is a TOTP code; anything shaped like a recovery
 * code (lib/auth/recovery-codes.ts) is spent as one.
 */
export async function spendSecondFactor(
  db: Db,
  account: { id: string; encryptedSecret: string },
  code: string | null | undefined,
): Promise<'missing' | 'invalid' | 'accepted' | 'recovery'> {
  const digits = normaliseCode(code);
  if (digits && !/^\d+$/.test(digits)) return (await spendRecoveryCode(db, account.id, digits)) ? 'recovery' : 'invalid';
  return spendTotpCode(db, account, code);
}

/** The otpauth:// URI as a QR code, a PNG data URL (the CSP allows `img-src data:`), made on the server. */
export async function totpQrCode(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
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

/** On success, the officer's new recovery codes: shown once, never stored in clear. */
export type TotpEnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'secret_invalid' | 'code_invalid' | 'already_enrolled' };

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
  // factor for their own. An admin resets the old one first (resetTotp).
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecret: encryptTotpSecret(secret), totpLastStep: null })
      .where(and(eq(users.id, input.userId), isNull(users.totpSecret)))
      .returning({ id: users.id });
    if (!row) return { ok: false, reason: 'already_enrolled' } as const;
    const recoveryCodes = await replaceRecoveryCodes(tx, input.userId);
    await audit(tx, { actorType: 'staff', actorId: input.userId, action: 'auth.totp_enrolled', targetType: 'user', targetId: input.userId, ip: input.ip ?? null });
    return { ok: true, recoveryCodes } as const;
  });
}

/**
 * An admin resets an officer's authenticator (lost phone): the secret and recovery codes go, every
 * session of the officer ends (a session opened with the lost phone must not outlive it), the
 * officer is emailed (through the outbox, in the same transaction) and it is audited. The officer
 * then signs in with the password alone and enrols again (at once, if TOTP is required).
 */
export async function resetTotp(
  db: Db,
  input: { actor: { userId: string; role: StaffRole }; userId: string; ip?: string | null },
): Promise<{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'not_enrolled' }> {
  if (!can(input.actor.role, 'staff.manage')) return { ok: false, reason: 'forbidden' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) return { ok: false, reason: 'not_found' } as const;
    if (!user.totpSecret) return { ok: false, reason: 'not_enrolled' } as const;
    await tx
      .update(users)
      .set({ totpSecret: null, totpLastStep: null, sessionVersion: nextSessionVersion() })
      .where(eq(users.id, input.userId));
    await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, input.userId));
    await audit(tx, {
      actorType: 'staff',
      actorId: input.actor.userId,
      action: 'auth.totp_reset',
      targetType: 'user',
      targetId: input.userId,
      ip: input.ip ?? null,
    });
    await enqueueEmail(tx, { kind: 'totp-reset', userId: input.userId, resetById: input.actor.userId, at: new Date().toISOString() });
    return { ok: true } as const;
  });
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
