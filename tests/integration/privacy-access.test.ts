import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { staffActionWith } from '@/lib/auth/staff-action';
import type { StaffSession } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { auditLog, complaintEvents, complaints } from '@/lib/db/schema';
import { accessRequest, correctComplainant, maskName } from '@/lib/privacy/access';
import { complaintFieldsSchema } from '@/lib/validation/complaint';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { newIc } from '../support/outbox';

// PDPA access requests and corrections (lib/privacy/access.ts, /konsol/privasi).

const sessionOf = (user: { id: string; name: string; email: string }, role: StaffSession['role']): StaffSession =>
  ({ userId: user.id, name: user.name, email: user.email, role, mustEnrolTotp: false, sessionId: randomUUID(), mustChangePassword: false });

/** The page's search action, built as in app/konsol/(signed-in)/privasi/actions.ts. */
const searchActionFor = (session: StaffSession) =>
  staffActionWith({ session: async () => session, locale: async () => 'ms' })('privacy.manage', complaintFieldsSchema.pick({ ic: true }), async ({ ic }, { session: s }) => {
    const r = await accessRequest(getDb(), { userId: s.userId, ip: '10.226.3.1' }, ic);
    return { ok: true as const, message: String(r.counts.complaints) };
  });
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe('PDPA access request', () => {
  it('exports every complaint, event, attachment and audit entry of one IC number, and audits it', async () => {
    const ic = newIc();
    const a = await fileComplaint({ ic });
    const b = await fileComplaint({ ic });
    const other = await fileComplaint();
    const admin = await newOfficer('penyelia'); // any user id for the actor
    const r = await accessRequest(getDb(), { userId: admin.id, ip: '10.226.3.2' }, ic);
    expect(r.complaints.map((c) => c.number).sort()).toEqual([a.number, b.number].sort());
    expect(r.complaints.map((c) => c.email).sort()).toEqual([a.email, b.email].sort());
    const json = JSON.stringify(r.export);
    expect(json).not.toContain(other.number);
    expect(json).toContain(`${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`);
    const exported = r.export.complaints as { number: string; events: unknown[]; attachments: unknown[] }[];
    expect(exported.every((c) => c.events.length >= 1)).toBe(true);
    expect(r.export.auditEntries.filter((e) => e.action === 'complaint.submitted')).toHaveLength(2);

    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.access_exported'), eq(auditLog.actorId, admin.id)));
    expect(entry.detail).toMatchObject({ ic: `******-**-${ic.slice(-4)}`, complaints: 2 });
    expect(JSON.stringify(entry.detail)).not.toContain(ic);
  });

  it('answers a bad IC number in Malay beside the field, and refuses an officer', async () => {
    const admin = await newOfficer('penyelia');
    const asAdmin = searchActionFor({ ...sessionOf(admin, 'pentadbir') });
    const bad = await asAdmin(null, form({ ic: '12345' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.ic).toMatch(/kad pengenalan|12 digit/i);
    const officer = await newOfficer('pegawai');
    const refused = await searchActionFor(sessionOf(officer, 'penyelia'))(null, form({ ic: newIc() }));
    expect(refused.ok).toBe(false);
    const good = await asAdmin(null, form({ ic: newIc() }));
    expect(good).toEqual({ ok: true, message: '0' });
  });

  it('corrects name, phone and email with a masked audit, and keeps the history', async () => {
    const c = await fileComplaint();
    const admin = await newOfficer('penyelia');
    const r = await correctComplainant(getDb(), { userId: admin.id }, c.id, { name: 'Nur Aina Binti Yusof', phone: '0191234567', email: 'betul@example.gov.my' });
    expect(r.changed.sort()).toEqual(['email', 'name', 'phone']);
    const [row] = await getDb().select().from(complaints).where(eq(complaints.id, c.id));
    expect(row).toMatchObject({ name: 'Nur Aina Binti Yusof', phone: '0191234567', email: 'betul@example.gov.my' });
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, 'privacy.corrected'), eq(auditLog.targetId, c.number)));
    expect(entry.detail).toEqual({
      changed: {
        name: { before: maskName('Siti Nurhaliza Binti Tarudin'), after: 'N*** A*** B*** Y***' },
        phone: { before: '013-***-**43', after: '019-***-**67' },
        email: { before: expect.stringMatching(/\*\*\*@example\.gov\.my$/), after: 'be***@example.gov.my' },
      },
    });
    const text = JSON.stringify(entry.detail);
    expect(text).not.toContain('betul@');
    expect(text).not.toContain('0191234567');
    const events = await getDb().select().from(complaintEvents).where(eq(complaintEvents.complaintId, c.id));
    expect(events.length).toBeGreaterThanOrEqual(1);
    // Nothing changed: nothing audited.
    expect((await correctComplainant(getDb(), { userId: admin.id }, c.id, { name: 'Nur Aina Binti Yusof', phone: '0191234567', email: 'betul@example.gov.my' })).changed).toEqual([]);
  });
});
