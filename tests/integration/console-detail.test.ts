import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addInternalNote } from '@/lib/complaints/officer-actions';
import { getConsoleComplaint } from '@/lib/console/complaint-detail';
import { getDb } from '@/lib/db';
import { auditLog, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { withOutboxWorker } from '../support/outbox';

// The submission emails these tests cause are delivered here, so no later file counts them.
withOutboxWorker();

describe('a complaint in the console', () => {
  it('shows officers everything, internal notes included, and audits each view of personal data', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const officer = await newOfficer();
    await addInternalNote(db, { userId: officer.id, number: filed.number, body: 'Nota dalaman ujian konsol' });
    const c = await getConsoleComplaint(db, filed.number, { userId: officer.id, ip: '10.80.0.1', canSeePii: true });
    const [row] = await db.select({ icEncrypted: complaints.icEncrypted }).from(complaints).where(eq(complaints.id, filed.id));
    const ic = decryptPii(row.icEncrypted, piiKeys(getEnv().PII_KEY).enc);
    expect(c!.complainant.ic.replace(/-/g, '')).toBe(ic);
    expect(c!.complainant.email).toBe(filed.email);
    expect(c!.events.some((e) => e.internal && e.body === 'Nota dalaman ujian konsol')).toBe(true);
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'complaint.view'), eq(auditLog.targetId, filed.number), eq(auditLog.actorId, officer.id)));
    expect(views).toHaveLength(1);
    expect(JSON.stringify(views[0])).not.toContain(ic);
  });

  it('masks personal data for a role without complaint.pii.view', async () => {
    const filed = await fileComplaint();
    const officer = await newOfficer();
    const c = await getConsoleComplaint(getDb(), filed.number, { userId: officer.id, canSeePii: false });
    expect(c!.complainant.ic).toMatch(/^\*{6}-\*\*-\d{4}$/);
    expect(c!.complainant.email).not.toBe(filed.email);
    expect(c!.complainant.email).toContain('***@');
  });

  it('warns when another officer opened the same complaint in the last minutes', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const [a, b] = [await newOfficer(), await newOfficer()];
    const first = await getConsoleComplaint(db, filed.number, { userId: a.id, canSeePii: true });
    expect(first!.otherViewers).toEqual([]);
    const second = await getConsoleComplaint(db, filed.number, { userId: b.id, canSeePii: true });
    expect(second!.otherViewers).toEqual([a.name]);
  });
});
