import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { toSignInCode } from '@/lib/auth/config';
import { isSessionCurrent } from '@/lib/auth/session-rules';
import { signOutEverywhere } from '@/lib/auth/session-version';
import { clearSignInFailures, SIGN_IN_LOCK, signInHeldUntilSql, verifyStaffCredentials } from '@/lib/auth/sign-in';
import { beginTotpEnrolment, confirmTotpEnrolment, getTotpStatus, needsTotpEnrolment, resetTotp } from '@/lib/auth/totp';
import { getDb } from '@/lib/db';
import { auditLog, settings, users } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { createStaffUser, type StaffRole } from '@/lib/staff/users';

// Staff sign-in: argon2id passwords, lockout, TOTP, the agency's "TOTP for everyone" setting,
// deactivated accounts, the audit trail and "sign out everywhere".

const PASSWORD = 'kata-laluan-yang-betul-1';
const uniq = () => randomUUID().slice(0, 8);

let ipSeq = 0;
const ip = () => {
  ipSeq += 1;
  return `10.71.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`;
};

async function officer(role: StaffRole = 'pegawai') {
  const email = `pegawai-${uniq()}@test.local`;
  const u = await createStaffUser(getDb(), { name: 'Pegawai Ujian', email, role, password: PASSWORD });
  return { ...u, email };
}

const row = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];
const signIn = (email: string, password: string, totp?: string, from = ip()) => verifyStaffCredentials(getDb(), { email, password, totp, ip: from });

const codeAt = (secret: string, timestamp = Date.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp });

/** A 6-digit code valid for none of the steps the server accepts (previous, current, next). */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => codeAt(secret, Date.now() + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

async function enrolled(role: StaffRole = 'pegawai') {
  const u = await officer(role);
  const { secret } = beginTotpEnrolment({ email: u.email });
  const r = await confirmTotpEnrolment(getDb(), { userId: u.id, secret, code: codeAt(secret), ip: ip() });
  expect(r.ok).toBe(true);
  return { ...u, secret };
}

async function setAgencyRequireTotp(value: boolean | undefined) {
  const db = getDb();
  const [current] = await db.select().from(settings).where(eq(settings.key, 'agency'));
  const { requireTotp: _ignored, ...rest } = current.value as Record<string, unknown>;
  await db
    .update(settings)
    .set({ value: value === undefined ? rest : { ...rest, requireTotp: value } })
    .where(eq(settings.key, 'agency'));
}

afterEach(async () => {
  await setAgencyRequireTotp(undefined);
});

describe('password sign-in', () => {
  it('accepts the right password (any email case) and records the time', async () => {
    const u = await officer('penyelia');
    const r = await signIn(`  ${u.email.toUpperCase()} `, PASSWORD);
    expect(r).toEqual({
      ok: true,
      user: { id: u.id, name: 'Pegawai Ujian', email: u.email, role: 'penyelia', sessionVersion: 0 },
      mustEnrolTotp: false,
    });
    const after = await row(u.id);
    expect(after.lastLoginAt).toBeInstanceOf(Date);
    expect(Math.abs(after.lastLoginAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('answers "invalid" to a wrong password', async () => {
    const u = await officer();
    expect(await signIn(u.email, 'kata-laluan-salah-99')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers "invalid" to an unknown email, after an argon2 verification of comparable cost', async () => {
    const u = await officer();
    expect(await signIn(`tiada-${uniq()}@test.local`, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });

    const median = async (f: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await f();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const known = await median(() => signIn(u.email, 'kata-laluan-salah-99'));
    const unknown = await median(() => signIn(`tiada-${uniq()}@test.local`, 'kata-laluan-salah-99'));
    // Without the dummy verification the unknown email would answer in a fraction of the time.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('holds an email from one address after 5 failures (answered like a wrong password), not from another; unknown emails alike', async () => {
    const u = await officer();
    const from = ip();
    for (let i = 1; i <= SIGN_IN_LOCK.maxFailures; i++) {
      expect(await signIn(u.email, `salah-${i}`, undefined, from)).toEqual({ ok: false, reason: 'invalid' });
    }
    // Held: even the right password is refused from this address, with the same answer…
    expect(await signIn(u.email, PASSWORD, undefined, from)).toEqual({ ok: false, reason: 'invalid' });
    // …but the officer at their own PC is not locked out by someone guessing elsewhere.
    expect((await signIn(u.email, PASSWORD, undefined, ip())).ok).toBe(true);
    const reasons = await getDb()
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'auth.sign_in_failed'), eq(auditLog.ip, from)))
      .orderBy(auditLog.id);
    expect(reasons.map((r) => (r.detail as { reason: string }).reason)).toEqual([...Array(SIGN_IN_LOCK.maxFailures).fill('invalid'), 'held']);
    // The officers' list shows the hold; an admin's unlock clears it.
    const [listed] = await getDb().select({ heldUntil: signInHeldUntilSql(users.email) }).from(users).where(eq(users.id, u.id));
    const minutes = (new Date(listed.heldUntil!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15.1);
    await clearSignInFailures(getDb(), u.email.toUpperCase());
    expect((await signIn(u.email, PASSWORD, undefined, from)).ok).toBe(true);

    // An unknown email is counted and held the same way (its answer never differs).
    const nobody = `tiada-${uniq()}@test.local`;
    for (let i = 0; i <= SIGN_IN_LOCK.maxFailures; i++) expect(await signIn(nobody, `salah-${i}`, undefined, from)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers "inactive" to a deactivated account with the right password (shown like a wrong password)', async () => {
    const u = await officer();
    await getDb().update(users).set({ active: false }).where(eq(users.id, u.id));
    const r = await signIn(u.email, PASSWORD);
    expect(r).toEqual({ ok: false, reason: 'inactive' });
    expect(toSignInCode(r.ok ? undefined : r.reason)).toBe('invalid');
    expect(await signIn(u.email, 'salah')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('TOTP', () => {
  it('asks for the code, refuses a wrong one (counted as a failure) and accepts the right one', async () => {
    const u = await enrolled();
    expect(await signIn(u.email, PASSWORD)).toEqual({ ok: false, reason: 'totp_required' });
    expect(await signIn(u.email, PASSWORD, wrongCode(u.secret))).toEqual({ ok: false, reason: 'totp_invalid' });
    const r = await signIn(u.email, PASSWORD, codeAt(u.secret));
    expect(r.ok && r.user.id).toBe(u.id);
    expect(r.ok && r.mustEnrolTotp).toBe(false);
  });

  it('accepts a code once: the same code replayed within its window is refused', async () => {
    const u = await enrolled();
    const code = codeAt(u.secret);
    const first = await signIn(u.email, PASSWORD, code);
    expect(first.ok).toBe(true);
    expect(await signIn(u.email, PASSWORD, code)).toEqual({ ok: false, reason: 'totp_invalid' });
  });

  it('a wrong password is "invalid" even with the right code', async () => {
    const u = await enrolled();
    expect(await signIn(u.email, 'salah', codeAt(u.secret))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('wrong codes hold the email and address like wrong passwords', async () => {
    const u = await enrolled();
    const wrong = wrongCode(u.secret);
    const from = ip();
    for (let i = 1; i <= SIGN_IN_LOCK.maxFailures; i++) expect(await signIn(u.email, PASSWORD, wrong, from)).toEqual({ ok: false, reason: 'totp_invalid' });
    expect(await signIn(u.email, PASSWORD, codeAt(u.secret), from)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('enrolment refuses a wrong code and then stores the secret encrypted, once', async () => {
    const u = await officer();
    const { secret, uri } = beginTotpEnrolment({ email: u.email });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(uri).toContain('algorithm=SHA1');
    // Nothing is stored until a code proves the app holds the secret.
    expect((await row(u.id)).totpSecret).toBeNull();

    expect(await confirmTotpEnrolment(getDb(), { userId: u.id, secret, code: wrongCode(secret) })).toEqual({ ok: false, reason: 'code_invalid' });
    expect(await confirmTotpEnrolment(getDb(), { userId: u.id, secret: 'not-base32!', code: '123456' })).toEqual({ ok: false, reason: 'secret_invalid' });
    expect((await row(u.id)).totpSecret).toBeNull();

    const enrolment = await confirmTotpEnrolment(getDb(), { userId: u.id, secret, code: codeAt(secret), ip: ip() });
    expect(enrolment.ok && enrolment.recoveryCodes).toHaveLength(10);
    const stored = (await row(u.id)).totpSecret!;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    expect(decryptPii(stored, piiKeys(getEnv().PII_KEY).enc)).toBe(secret);
    expect(await getTotpStatus(getDb(), u.id)).toEqual({ enrolled: true, required: false });

    // A second secret (say, from a stolen session) does not replace the first.
    const other = beginTotpEnrolment({ email: u.email }).secret;
    expect(await confirmTotpEnrolment(getDb(), { userId: u.id, secret: other, code: codeAt(other) })).toEqual({ ok: false, reason: 'already_enrolled' });
    expect((await row(u.id)).totpSecret).toBe(stored);

    const [enrolAudit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'auth.totp_enrolled')));
    expect(enrolAudit.targetId).toBe(u.id);
    expect(JSON.stringify(enrolAudit)).not.toContain(secret);
  });

  it('only an admin resets an authenticator (audited), and then the code is no longer asked', async () => {
    const u = await enrolled();
    const peer = await officer('penyelia');
    const admin = await officer('pentadbir');
    expect(await resetTotp(getDb(), { actor: { userId: peer.id, role: 'penyelia' }, userId: u.id })).toEqual({ ok: false, reason: 'forbidden' });
    expect((await row(u.id)).totpSecret).not.toBeNull();

    expect(await resetTotp(getDb(), { actor: { userId: admin.id, role: 'pentadbir' }, userId: u.id, ip: ip() })).toEqual({ ok: true });
    expect((await row(u.id)).totpSecret).toBeNull();
    expect((await signIn(u.email, PASSWORD)).ok).toBe(true);
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.totp_reset'), eq(auditLog.targetId, u.id)));
    expect(rows.map((r) => r.actorId)).toEqual([admin.id]);
  });

  it('signs in an officer without an authenticator but flags the session for enrolment when the agency requires TOTP', async () => {
    const u = await officer();
    await setAgencyRequireTotp(true);
    const r = await signIn(u.email, PASSWORD);
    expect(r.ok && r.mustEnrolTotp).toBe(true);
    expect(await getTotpStatus(getDb(), u.id)).toEqual({ enrolled: false, required: true });
    expect(await needsTotpEnrolment(getDb(), u.email.toUpperCase())).toBe(true);

    // Enrolled officers are not flagged; they are asked for the code instead.
    const e = await enrolled();
    expect(await signIn(e.email, PASSWORD)).toEqual({ ok: false, reason: 'totp_required' });
    const ok = await signIn(e.email, PASSWORD, codeAt(e.secret));
    expect(ok.ok && ok.mustEnrolTotp).toBe(false);

    await setAgencyRequireTotp(false);
    const r2 = await signIn(u.email, PASSWORD);
    expect(r2.ok && r2.mustEnrolTotp).toBe(false);
    expect(await needsTotpEnrolment(getDb(), u.email)).toBe(false);
  });

  it("flags the session when the officer's own account requires TOTP", async () => {
    const u = await officer();
    await getDb().update(users).set({ totpRequired: true }).where(eq(users.id, u.id));
    const r = await signIn(u.email, PASSWORD);
    expect(r.ok && r.mustEnrolTotp).toBe(true);
  });
});

describe('audit trail', () => {
  it('records every attempt with the reason, the officer id and the address, never the password or the email', async () => {
    const u = await enrolled();
    const from = ip();
    await signIn(u.email, 'kata-laluan-salah-77', undefined, from);
    await signIn(u.email, PASSWORD, undefined, from);
    await signIn(u.email, PASSWORD, wrongCode(u.secret), from);
    await signIn(u.email, PASSWORD, codeAt(u.secret), from);

    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), inArray(auditLog.action, ['auth.sign_in', 'auth.sign_in_failed'])))
      .orderBy(auditLog.id);
    expect(rows.map((r) => [r.action, (r.detail as { reason?: string } | null)?.reason ?? null])).toEqual([
      ['auth.sign_in_failed', 'invalid'],
      ['auth.sign_in_failed', 'totp_required'],
      ['auth.sign_in_failed', 'totp_invalid'],
      ['auth.sign_in', null],
    ]);
    for (const r of rows) {
      expect(r.actorType).toBe('staff');
      expect(r.ip).toBe(from);
      const text = JSON.stringify(r);
      expect(text).not.toContain('kata-laluan');
      expect(text.toLowerCase()).not.toContain(u.email);
      expect(text).not.toContain(u.secret);
    }
  });

  it('records an unknown email without an actor and without the email', async () => {
    const from = ip();
    const email = `tiada-${uniq()}@test.local`;
    await signIn(email, 'apa-apa-sahaja-123', undefined, from);
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ip, from), isNull(auditLog.actorId)));
    expect(rows).toHaveLength(1);
    expect(rows[0].action).toBe('auth.sign_in_failed');
    expect(rows[0].detail).toEqual({ reason: 'unknown' });
    expect(JSON.stringify(rows[0])).not.toContain(email);
    expect(JSON.stringify(rows[0])).not.toContain('apa-apa');
  });
});

describe('sign out everywhere', () => {
  it('bumps the session version, so tokens issued before it stop being honoured', async () => {
    const u = await officer();
    const r = await signIn(u.email, PASSWORD);
    if (!r.ok) throw new Error('sign-in failed');
    const token = { id: r.user.id, sessionVersion: r.user.sessionVersion };
    expect(isSessionCurrent(token, await row(u.id))).toBe(true);

    expect(await signOutEverywhere(getDb(), u.id, ip())).toEqual({ sessionVersion: token.sessionVersion + 1 });
    expect((await row(u.id)).sessionVersion).toBe(token.sessionVersion + 1);
    expect(isSessionCurrent(token, await row(u.id))).toBe(false);

    // A new sign-in carries the new version.
    const again = await signIn(u.email, PASSWORD);
    expect(again.ok && again.user.sessionVersion).toBe(token.sessionVersion + 1);

    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'auth.sign_out_everywhere')));
    expect(audits).toHaveLength(1);
  });

  it('deactivation ends sessions at once', async () => {
    const u = await officer();
    const r = await signIn(u.email, PASSWORD);
    if (!r.ok) throw new Error('sign-in failed');
    await getDb().update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(isSessionCurrent({ id: u.id, sessionVersion: r.user.sessionVersion }, await row(u.id))).toBe(false);
  });
});
