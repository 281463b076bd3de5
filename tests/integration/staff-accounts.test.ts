import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyStaffCredentials } from '@/lib/auth/sign-in';
import { getDb, type Db } from '@/lib/db';
import { seed, WeakAdminPasswordError } from '@/lib/db/seed';
import { auditLog, staffTokens, users } from '@/lib/db/schema';
import { changeOwnPassword, inviteStaff, peekStaffLink, requestPasswordReset, resendInvite, setPasswordWithLink } from '@/lib/staff/accounts';
import { createStaffUser } from '@/lib/staff/users';
import { fakeResend } from '../support/inspect';
import { drainOutbox, ipSequence, withOutboxWorker } from '../support/outbox';

// Staff accounts, whole life: invitations (single use, expiring), "forgot password" (the same
// answer for any email, one email for a known one), the own password change (ends the other
// sessions) and the first admin's password under the same policy.

withOutboxWorker();

const ip = ipSequence('10.211');
const uniq = () => randomUUID().slice(0, 8);
const row = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];

async function admin() {
  return createStaffUser(getDb(), { name: `Pentadbir ${uniq()}`, email: `pentadbir-${uniq()}@pkn.test`, role: 'pentadbir', password: 'kata-laluan-admin-123' });
}

/** The set-password links emailed to `to`, oldest first (after draining the outbox). */
async function linksTo(to: string): Promise<string[]> {
  await drainOutbox();
  const mails = (await fakeResend().emails()).emails.filter((e) => e.to[0] === to);
  return mails.map((m) => m.html!.match(/\/konsol\/kata-laluan\/([A-Za-z0-9_-]{43})/)![1]);
}

describe('invitation', () => {
  it('emails a single-use link; a weak password is refused without spending it; the officer then signs in', async () => {
    const a = await admin();
    const email = `jemputan-${uniq()}@pkn.test`;
    const u = await inviteStaff(getDb(), { userId: a.id, ip: ip() }, { name: 'Nur Aisyah Binti Kamal', email, role: 'pegawai' });
    expect((await row(u.id)).passwordHash).toBeNull();
    const [token] = await linksTo(email);
    const mail = (await fakeResend().emails()).emails.find((e) => e.to[0] === email)!;
    expect(mail.subject).toMatch(/^Jemputan ke konsol pegawai/);
    expect(mail.idempotencyKey).toMatch(/^staff-password-link\//);
    // Only the hash is stored.
    const stored = await getDb().select().from(staffTokens).where(eq(staffTokens.userId, u.id));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await peekStaffLink(getDb(), token)).toEqual({ purpose: 'invite', name: 'Nur Aisyah Binti Kamal', email });
    expect(await setPasswordWithLink(getDb(), { token, password: 'password1234', confirm: 'password1234' })).toEqual({ ok: false, reason: 'password_common', field: 'password' });
    expect(await setPasswordWithLink(getDb(), { token, password: 'kopi-pagi-jumaat', confirm: 'kopi-pagi-jumaa' })).toEqual({ ok: false, reason: 'password_mismatch', field: 'confirm' });
    expect(await setPasswordWithLink(getDb(), { token, password: 'kopi-pagi-jumaat', confirm: 'kopi-pagi-jumaat', ip: ip() })).toEqual({ ok: true, purpose: 'invite' });
    // Single use.
    expect(await setPasswordWithLink(getDb(), { token, password: 'teh-tarik-petang', confirm: 'teh-tarik-petang' })).toEqual({ ok: false, reason: 'link_invalid' });
    expect(await peekStaffLink(getDb(), token)).toBeNull();
    const r = await verifyStaffCredentials(getDb(), { email, password: 'kopi-pagi-jumaat', ip: ip() });
    expect(r.ok).toBe(true);
    expect((await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, u.id), eq(auditLog.action, 'auth.password_set'))))).toHaveLength(1);
  });

  it('an expired link does nothing; a resent invitation replaces the old link', async () => {
    const a = await admin();
    const email = `luput-${uniq()}@pkn.test`;
    const u = await inviteStaff(getDb(), { userId: a.id }, { name: 'Mohd Rizal Bin Ahmad', email, role: 'penyelia' });
    const [first] = await linksTo(email);
    await getDb().update(staffTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(staffTokens.userId, u.id));
    expect(await peekStaffLink(getDb(), first)).toBeNull();
    expect(await setPasswordWithLink(getDb(), { token: first, password: 'kopi-pagi-jumaat', confirm: 'kopi-pagi-jumaat' })).toEqual({ ok: false, reason: 'link_invalid' });
    expect((await row(u.id)).passwordHash).toBeNull();

    await resendInvite(getDb(), { userId: a.id }, u.id);
    const [, second] = await linksTo(email);
    expect(second).toBeDefined();
    expect(await setPasswordWithLink(getDb(), { token: second, password: 'kopi-pagi-jumaat', confirm: 'kopi-pagi-jumaat' })).toMatchObject({ ok: true });
    // Once a password is set, there is no invitation to resend.
    await expect(resendInvite(getDb(), { userId: a.id }, u.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses an email that already has an account', async () => {
    const a = await admin();
    await expect(inviteStaff(getDb(), { userId: a.id }, { name: 'Sama', email: a.email.toUpperCase(), role: 'pegawai' })).rejects.toMatchObject({ code: 'email_taken' });
  });
});

describe('forgot password', () => {
  it('answers the same for an unknown and a known email, after the same minimum time, and emails only the known one', async () => {
    const known = await createStaffUser(getDb(), { name: 'Siti Hajar', email: `lupa-${uniq()}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    const unknown = `tiada-${uniq()}@pkn.test`;
    const t0 = Date.now();
    const a = await requestPasswordReset(getDb(), { email: unknown, ip: ip() });
    const t1 = Date.now();
    const b = await requestPasswordReset(getDb(), { email: ` ${known.email.toUpperCase()} `, ip: ip() });
    const t2 = Date.now();
    expect(a).toEqual({ ok: true });
    expect(b).toEqual(a);
    expect(t1 - t0).toBeGreaterThanOrEqual(600);
    expect(t2 - t1).toBeGreaterThanOrEqual(600);
    await drainOutbox();
    const mails = (await fakeResend().emails()).emails;
    expect(mails.filter((m) => m.to[0] === unknown)).toHaveLength(0);
    expect(mails.filter((m) => m.to[0] === known.email)).toHaveLength(1);
    expect(mails.find((m) => m.to[0] === known.email)!.subject).toMatch(/^Tetapkan semula kata laluan/);
  });

  it('the link (30 minutes) works once, ends every session and unlocks the account', async () => {
    const u = await createStaffUser(getDb(), { name: 'Ahmad Fauzi', email: `reset-${uniq()}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    await getDb().update(users).set({ lockedUntil: sql`now() + interval '10 minutes'`, failedLogins: 2 }).where(eq(users.id, u.id));
    await requestPasswordReset(getDb(), { email: u.email, ip: ip() });
    const [token] = await linksTo(u.email);
    const [stored] = await getDb().select().from(staffTokens).where(eq(staffTokens.userId, u.id));
    expect(stored.purpose).toBe('reset');
    expect(Math.round((stored.expiresAt.getTime() - stored.createdAt.getTime()) / 60_000)).toBe(30);
    const before = (await row(u.id)).sessionVersion;
    expect(await setPasswordWithLink(getDb(), { token, password: 'nasi-kerabu-biru', confirm: 'nasi-kerabu-biru' })).toEqual({ ok: true, purpose: 'reset' });
    expect(await setPasswordWithLink(getDb(), { token, password: 'nasi-kerabu-merah', confirm: 'nasi-kerabu-merah' })).toEqual({ ok: false, reason: 'link_invalid' });
    const after = await row(u.id);
    expect(after.sessionVersion).toBe(before + 1);
    expect(after.lockedUntil).toBeNull();
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: 'nasi-kerabu-biru', ip: ip() })).ok).toBe(true);
  });

  it('limits requests per email (silently) and per address (a refusal that names no account)', async () => {
    const u = await createStaffUser(getDb(), { name: 'Zulkifli', email: `had-${uniq()}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    for (let i = 0; i < 5; i++) expect(await requestPasswordReset(getDb(), { email: u.email, ip: ip() })).toEqual({ ok: true });
    await drainOutbox();
    expect((await fakeResend().emails()).emails.filter((m) => m.to[0] === u.email)).toHaveLength(3);
    const one = ip();
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await requestPasswordReset(getDb(), { email: `orang-${i}-${uniq()}@pkn.test`, ip: one }));
    expect(answers.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, reason: 'rate_limited' });
  });
});

describe('own password change', () => {
  it('checks the current password and the policy, then bumps the session version', async () => {
    const u = await createStaffUser(getDb(), { name: 'Rosnah Binti Che Mat', email: `tukar-${uniq()}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    const change = (current: string, password: string, confirm = password) => changeOwnPassword(getDb(), { userId: u.id, current, password, confirm, ip: ip() });
    expect(await change('salah-kata-laluan', 'teh-tarik-petang')).toEqual({ ok: false, reason: 'current_wrong', field: 'current' });
    expect(await change('kata-laluan-ujian-123', 'pendek')).toEqual({ ok: false, reason: 'password_short', field: 'password' });
    expect(await change('kata-laluan-ujian-123', 'Rosnah Binti Che Mat 1')).toEqual({ ok: false, reason: 'password_personal', field: 'password' });
    expect(await change('kata-laluan-ujian-123', 'kata-laluan-ujian-123')).toEqual({ ok: false, reason: 'password_same', field: 'password' });
    expect(await change('kata-laluan-ujian-123', 'teh-tarik-petang', 'teh-tarik-pagi')).toEqual({ ok: false, reason: 'password_mismatch', field: 'confirm' });
    expect((await row(u.id)).sessionVersion).toBe(0);
    expect(await change('kata-laluan-ujian-123', 'teh-tarik-petang')).toEqual({ ok: true });
    expect((await row(u.id)).sessionVersion).toBe(1);
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: 'kata-laluan-ujian-123', ip: ip() })).ok).toBe(false);
    expect((await verifyStaffCredentials(getDb(), { email: u.email, password: 'teh-tarik-petang', ip: ip() })).ok).toBe(true);
  });
});

describe('the first admin', () => {
  /** Runs the seed as if no admin existed yet, in a transaction that is always rolled back. */
  async function seedAlone(password: string | undefined) {
    const email = `pertama-${uniq()}@pkn.test`;
    let outcome: { result?: Awaited<ReturnType<typeof seed>>; error?: unknown; mustChange?: boolean } = {};
    await getDb()
      .transaction(async (tx) => {
        await tx.update(users).set({ role: 'penyelia' }).where(eq(users.role, 'pentadbir'));
        try {
          const result = await seed(tx as unknown as Db, { email, password });
          const [u] = await tx.select().from(users).where(eq(users.email, email));
          outcome = { result, mustChange: u?.mustChangePassword };
        } catch (error) {
          outcome = { error };
        }
        throw new Error('rollback');
      })
      .catch((e) => {
        if ((e as Error).message !== 'rollback') throw e;
      });
    return outcome;
  }

  it('a weak ADMIN_PASSWORD stops the start with a clear message', async () => {
    for (const weak of ['pendek', 'password1234']) {
      const { error } = await seedAlone(weak);
      expect(error).toBeInstanceOf(WeakAdminPasswordError);
      expect((error as Error).message).toMatch(/^ADMIN_PASSWORD is refused by the password policy/);
    }
  });

  it('a generated password passes the policy and must be changed at the first sign-in; a chosen one need not', async () => {
    const generated = await seedAlone(undefined);
    expect(generated.result?.generatedAdminPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(generated.mustChange).toBe(true);
    const chosen = await seedAlone('kopi-pagi-jumaat-99');
    expect(chosen.result).toEqual({});
    expect(chosen.mustChange).toBe(false);
  });
});
