import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { inviteStaff } from '@/lib/staff/accounts';
import { listStaff, updateStaff } from '@/lib/staff/manage';
import { createStaffUser } from '@/lib/staff/users';

const stamp = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const row = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];

describe('managing officers', () => {
  it('invites an account once per email, audited, without any password', async () => {
    const db = getDb();
    const admin = await createStaffUser(db, { name: 'Admin Ujian', email: `admin-${stamp()}@pkn.local`, role: 'pentadbir', password: 'kata-laluan-admin-123' });
    const email = `Pegawai-${stamp()}@PKN.local`;
    const u = await inviteStaff(db, { userId: admin.id, ip: '10.70.0.1' }, { name: 'Pegawai Baharu', email, role: 'pegawai' });
    expect(u.email).toBe(email.toLowerCase());
    await expect(inviteStaff(db, { userId: admin.id }, { name: 'Lain', email, role: 'pegawai' })).rejects.toMatchObject({ code: 'email_taken' });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, u.id));
    expect(entry.action).toBe('staff.created');
    expect(JSON.stringify(entry)).not.toContain('kata-laluan');
    expect((await listStaff(db)).some((s) => s.id === u.id && !('passwordHash' in s))).toBe(true);
  });

  it('a role change or a deactivation ends the sessions at once; unlocking clears the lock', async () => {
    const db = getDb();
    const admin = await createStaffUser(db, { name: 'Admin Dua', email: `admin2-${stamp()}@pkn.local`, role: 'pentadbir', password: 'kata-laluan-admin-123' });
    const u = await createStaffUser(db, { name: 'Pegawai Dua', email: `p2-${stamp()}@pkn.local`, role: 'pegawai', password: 'kata-laluan-pegawai-1' });
    const v0 = (await row(u.id)).sessionVersion;
    await updateStaff(db, { userId: admin.id }, { userId: u.id, role: 'penyelia' });
    expect((await row(u.id)).role).toBe('penyelia');
    expect((await row(u.id)).sessionVersion).toBe(v0 + 1);
    await updateStaff(db, { userId: admin.id }, { userId: u.id, active: false });
    expect((await row(u.id)).active).toBe(false);
    expect((await row(u.id)).sessionVersion).toBe(v0 + 2);
    await db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000), failedLogins: 5 }).where(eq(users.id, u.id));
    await updateStaff(db, { userId: admin.id }, { userId: u.id, unlock: true });
    expect((await row(u.id)).lockedUntil).toBeNull();
    expect((await row(u.id)).failedLogins).toBe(0);
  });

  it('an admin cannot demote or deactivate themselves', async () => {
    const db = getDb();
    const admin = await createStaffUser(db, { name: 'Admin Tiga', email: `admin3-${stamp()}@pkn.local`, role: 'pentadbir', password: 'kata-laluan-admin-123' });
    for (const change of [{ active: false }, { role: 'pegawai' as const }]) {
      const refusal = updateStaff(db, { userId: admin.id }, { userId: admin.id, ...change });
      await expect(refusal).rejects.toBeInstanceOf(AppError);
      await expect(refusal).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    }
    expect((await row(admin.id)).role).toBe('pentadbir');
  });
});
