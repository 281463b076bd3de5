import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signOutEverywhere } from '@/lib/auth/session-version';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { exportAuditCsv } from '@/lib/console/audit-export';
import { listAudit, parseAuditParams } from '@/lib/console/audit-log';
import { auditRowText } from '@/lib/console/audit-text';
import { getConsoleComplaint } from '@/lib/console/complaint-detail';
import { getDb } from '@/lib/db';
import { auditLog } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { withOutboxWorker } from '../support/outbox';

// The audit log as a person reads it: actions and targets in words, actors by name, complaints
// linked, filters who / what / when (typed dd-MM-yyyy), and the CSV export, itself audited.

withOutboxWorker();

describe('the audit log in words', () => {
  it('names the action, the officer and the complaint (linked), in Malay and English; a complainant is shown as such', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const officer = await newOfficer();
    await getConsoleComplaint(db, filed.number, { userId: officer.id, canSeePii: true });

    const { rows } = await listAudit(db, parseAuditParams({ target: filed.number }));
    const view = rows.find((r) => r.action === 'complaint.view')!;
    expect(auditRowText(view, 'ms')).toMatchObject({
      actor: officer.name,
      action: 'Membuka aduan',
      target: { label: `Aduan ${filed.number}`, href: `/konsol/aduan/${filed.number}` },
    });
    expect(auditRowText(view, 'en')).toMatchObject({ actor: officer.name, action: 'Opened a complaint', target: { label: `Complaint ${filed.number}` } });
    const submitted = rows.find((r) => r.action === 'complaint.submitted')!;
    expect(auditRowText(submitted, 'ms')).toMatchObject({ actor: 'Pengadu', action: 'Menghantar aduan' });
    expect(auditRowText(submitted, 'en').actor).toBe('Complainant');
  });

  it('names an officer who is the target, and keeps an action no message names yet as its code', async () => {
    const db = getDb();
    const officer = await newOfficer();
    await signOutEverywhere(db, officer.id);
    const { rows } = await listAudit(db, parseAuditParams({ actor: officer.id, action: 'auth.sign_out_everywhere' }));
    expect(rows).toHaveLength(1);
    expect(auditRowText(rows[0], 'ms')).toMatchObject({ action: 'Log keluar dari semua peranti', target: { label: `Pegawai ${officer.name}` } });
    expect(auditRowText({ ...rows[0], action: 'something.new' }, 'ms').action).toBe('something.new');
  });
});

describe('filters', () => {
  it('filters by who (an officer, or complainants), what (one action or a group) and when (dd-MM-yyyy days)', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const officer = await newOfficer();
    await getConsoleComplaint(db, filed.number, { userId: officer.id, canSeePii: true });
    const today = formatDisplayDay(malaysiaDay(new Date()));
    const byOfficer = await listAudit(db, parseAuditParams({ actor: officer.id, from: today, to: today }));
    expect(byOfficer.rows.map((r) => r.action)).toEqual(['complaint.view']);
    const complainants = await listAudit(db, parseAuditParams({ actor: 'complainant', target: filed.number }));
    expect(complainants.rows.map((r) => r.action)).toEqual(['complaint.submitted']);
    const group = await listAudit(db, parseAuditParams({ action: 'complaint.', target: filed.number }));
    expect(group.rows.map((r) => r.action).sort()).toEqual(['complaint.submitted', 'complaint.view']);
    const exact = await listAudit(db, parseAuditParams({ action: 'complaint.view', target: filed.number }));
    expect(exact.rows.map((r) => r.action)).toEqual(['complaint.view']);
    const before = await listAudit(db, parseAuditParams({ actor: officer.id, to: '01-01-2020' }));
    expect(before.rows).toHaveLength(0);
  });
});

describe('CSV export', () => {
  it('holds what the page shows, in words, neutralises formulas, and records the export', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const sneaky = await createStaffUser(db, { name: `=HYPERLINK("http://x.example","Klik") ${Date.now()}`, email: `formula-${Date.now()}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    await getConsoleComplaint(db, filed.number, { userId: sneaky.id, canSeePii: true });
    const admin = await newOfficer('penyelia');

    const { csv, file, rows } = await exportAuditCsv(db, parseAuditParams({ target: filed.number }), { userId: admin.id, ip: '10.9.8.7' }, 'ms');
    expect(file).toMatch(/^log-audit-\d{8}-\d{4}\.csv$/);
    expect(rows).toBe(2);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Masa,Pelaku,Tindakan,Sasaran,IP,Butiran');
    expect(lines).toHaveLength(4); // header, two rows, and the final CRLF
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.example"",""Klik"") `);
    expect(lines[1]).toContain(`,Membuka aduan,Aduan ${filed.number},`);
    expect(lines[2]).toContain(`,Pengadu,Menghantar aduan,Aduan ${filed.number},`);
    // Nothing personal beyond the page: the complainant's email and phone are not in it.
    expect(csv).not.toContain(filed.email);
    expect(csv).not.toContain(filed.phone);

    const exports = await db.select().from(auditLog).where(and(eq(auditLog.action, 'audit.export'), eq(auditLog.actorId, admin.id)));
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actorType: 'staff', ip: '10.9.8.7', detail: { filters: { target: filed.number }, rows: 2 } });

    const en = await exportAuditCsv(db, parseAuditParams({ target: filed.number, action: 'complaint.view' }), { userId: admin.id }, 'en');
    expect(en.csv).toContain('Time,Actor,Action,Target,IP,Detail');
    expect(en.csv).toContain(`Opened a complaint,Complaint ${filed.number}`);
    expect(en.file).toMatch(/^audit-log-/);
  });
});
