import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { regenerateRecoveryCodes, unusedRecoveryCodes } from '@/lib/auth/recovery-codes';
import { staffSessionFor } from '@/lib/auth/session-check';
import { endSession } from '@/lib/auth/session-end';
import { verifyStaffCredentials } from '@/lib/auth/sign-in';
import { beginTotpEnrolment, confirmTotpEnrolment, resetTotp } from '@/lib/auth/totp';
import { getDb } from '@/lib/db';
import { auditLog, endedSessions, totpRecoveryCodes, users } from '@/lib/db/schema';
import { createStaffUser, type StaffRole } from '@/lib/staff/users';
import { fakeResend } from '../support/inspect';
import { drainOutbox, ipSequence, withOutboxWorker } from '../support/outbox';

// Issue #11 items 2 and 3: "Log Keluar" ends that one session on the server; one-time recovery
// codes; an admin's TOTP reset (audited, sessions ended, the officer emailed once).

withOutboxWorker();

const PASSWORD = 'kata-laluan-keselamatan-1';
const ip = ipSequence('10.212');
const uniq = () => randomUUID().slice(0, 8);

async function officer(role: StaffRole = 'pegawai') {
  const email = `keselamatan-${uniq()}@test.local`;
  const u = await createStaffUser(getDb(), { name: `Pegawai Keselamatan ${uniq()}`, email, role, password: PASSWORD });
  return { ...u, email };
}

const codeAt = (secret: string, timestamp = Date.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp });

async function enrolled() {
  const u = await officer();
  const { secret } = beginTotpEnrolment({ email: u.email });
  const r = await confirmTotpEnrolment(getDb(), { userId: u.id, secret, code: codeAt(secret), ip: ip() });
  if (!r.ok) throw new Error(`enrolment failed: ${r.reason}`);
  return { ...u, secret, recoveryCodes: r.recoveryCodes };
}

/** A signed-in session's claims, as the token carries them (the session id is made at sign-in). */
async function session(u: { email: string }, totp?: string) {
  const r = await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp, ip: ip() });
  if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`);
  return { id: r.user.id, sessionVersion: r.user.sessionVersion, sid: randomUUID() };
}

describe('"Log Keluar" ends the session on the server', () => {
  it('refuses the signed-out token (a kept cookie) while another session of the same officer carries on', async () => {
    const u = await officer();
    const office = await session(u);
    const home = await session(u);
    expect((await staffSessionFor(getDb(), office))?.userId).toBe(u.id);
    expect((await staffSessionFor(getDb(), home))?.sessionId).toBe(home.sid);

    await endSession(getDb(), office.sid);
    expect(await staffSessionFor(getDb(), office)).toBeNull();
    expect((await staffSessionFor(getDb(), home))?.userId).toBe(u.id);
    // Signing out twice (two tabs) is harmless.
    await endSession(getDb(), office.sid);
    expect(await staffSessionFor(getDb(), office)).toBeNull();
  });

  it('keeps an ended id only as long as a token could live (8 hours), and sweeps older ones', async () => {
    const stale = randomUUID();
    await getDb().insert(endedSessions).values({ sessionId: stale, expiresAt: sql`now() - interval '1 minute'` });
    const sid = randomUUID();
    await endSession(getDb(), sid);
    const rows = await getDb().select().from(endedSessions).where(sql`${endedSessions.sessionId} in (${stale}, ${sid})`);
    expect(rows.map((r) => r.sessionId)).toEqual([sid]);
    const hours = (rows[0].expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8.01);
  });

  it('checks the ended id with an index lookup, in the same query as the account', async () => {
    const plan = await getDb().execute<{ 'QUERY PLAN': string }>(
      sql`explain select exists (select 1 from ended_sessions where session_id = ${randomUUID()})`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan|Index Scan/);
  });
});

describe('recovery codes', () => {
  it('are 10 at enrolment, stored only hashed, and each signs in once in place of a TOTP code', async () => {
    const u = await enrolled();
    expect(u.recoveryCodes).toHaveLength(10);
    expect(new Set(u.recoveryCodes).size).toBe(10);
    for (const c of u.recoveryCodes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    const stored = await getDb().select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, u.id));
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of u.recoveryCodes) expect(dump).not.toContain(c.replace('-', ''));

    const [first, second] = u.recoveryCodes;
    const from = ip();
    // Typed loosely (upper case, spaces) it still counts.
    const ok = await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: ` ${first.toUpperCase().replace('-', ' ')} `, ip: from });
    expect(ok.ok).toBe(true);
    expect(await unusedRecoveryCodes(getDb(), u.id)).toBe(9);
    // Used once: never again.
    expect(await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: first, ip: from })).toEqual({ ok: false, reason: 'totp_invalid' });
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: second, ip: from })).ok).toBe(true);
    // A right code with a wrong password spends nothing.
    expect(await verifyStaffCredentials(getDb(), { email: u.email, password: 'salah-salah-salah', totp: u.recoveryCodes[2], ip: from })).toEqual({ ok: false, reason: 'invalid' });
    expect(await unusedRecoveryCodes(getDb(), u.id)).toBe(8);

    const audits = await getDb()
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'auth.sign_in')));
    expect(audits.filter((a) => (a.detail as { recoveryCode?: boolean }).recoveryCode)).toHaveLength(2);
  });

  it('two sign-ins with the same code at once: only one gets in', async () => {
    const u = await enrolled();
    const code = u.recoveryCodes[0];
    const results = await Promise.all([0, 1].map(() => verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: code, ip: ip() })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('new codes replace the old ones (audited); only with an authenticator enrolled', async () => {
    const u = await enrolled();
    const again = await regenerateRecoveryCodes(getDb(), { userId: u.id, ip: ip() });
    if (!again.ok) throw new Error('regenerate failed');
    expect(again.codes).toHaveLength(10);
    expect(await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: u.recoveryCodes[0], ip: ip() })).toEqual({ ok: false, reason: 'totp_invalid' });
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, totp: again.codes[0], ip: ip() })).ok).toBe(true);
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'auth.recovery_codes_created')));
    expect(rows).toHaveLength(1);

    const plain = await officer();
    expect(await regenerateRecoveryCodes(getDb(), { userId: plain.id })).toEqual({ ok: false, reason: 'not_enrolled' });
  });
});

describe("an admin resets an officer's TOTP", () => {
  it('removes the authenticator and recovery codes, ends the sessions, audits once and emails the officer once', async () => {
    const u = await enrolled();
    const admin = await officer('pentadbir');
    const before = await session(u, codeAt(u.secret));
    expect(await staffSessionFor(getDb(), before)).not.toBeNull();

    expect(await resetTotp(getDb(), { actor: { userId: admin.id, role: 'pentadbir' }, userId: u.id, ip: ip() })).toEqual({ ok: true });
    const [row] = await getDb().select().from(users).where(eq(users.id, u.id));
    expect(row.totpSecret).toBeNull();
    expect(row.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await staffSessionFor(getDb(), before)).toBeNull();
    expect(await unusedRecoveryCodes(getDb(), u.id)).toBe(0);
    // A second reset finds nothing to reset: no second audit row or email.
    expect(await resetTotp(getDb(), { actor: { userId: admin.id, role: 'pentadbir' }, userId: u.id })).toEqual({ ok: false, reason: 'not_enrolled' });

    const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'auth.totp_reset'), eq(auditLog.targetId, u.id)));
    expect(audits.map((a) => a.actorId)).toEqual([admin.id]);

    await drainOutbox();
    const mail = (await fakeResend().emails()).emails.filter((e) => e.to.includes(u.email));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('Pengesahan dua langkah anda telah ditetapkan semula');
    expect(mail[0].text).toContain(admin.name);
    expect(mail[0].text).toContain('/konsol/akaun');

    // The officer signs in with the password alone now, and may enrol again.
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: PASSWORD, ip: ip() })).ok).toBe(true);
  });
});
