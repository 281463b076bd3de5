import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, auditLog, complaintEvents, complaints, complaintSatisfaction } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { QUEUE_PRIVACY_RETENTION } from '@/lib/jobs/boss';
import { ANONYMISED_NAME, namePattern, runRetention } from '@/lib/privacy/retention';
import { getAgencySettings } from '@/lib/settings/agency';
import { getS3 } from '@/lib/storage';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { dashedIc, ipSequence, newIc } from '../support/outbox';

// PDPA retention (lib/privacy/retention.ts, drizzle/0016_privacy.sql).

const ip = ipSequence('10.226.1');
const db = () => getDb();

async function file(name: string) {
  const r = await submitComplaint(db(), {
    fields: { ...validFields(), name, ic: dashedIc(newIc()), email: `pdpa-${Math.random().toString(36).slice(2, 8)}@example.gov.my` },
    files: [
      { name: 'skrin.png', bytes: await pngBytes() },
      { name: 'surat.pdf', bytes: pdfBytes() },
    ],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const [row] = await db().select().from(complaints).where(eq(complaints.number, r.number));
  // What a complainant and an officer wrote, naming the complainant.
  await db().insert(complaintEvents).values([
    { complaintId: row.id, type: 'complainant_feedback', body: `Saya ${name} masih menunggu.`, authorType: 'complainant', authorName: name },
    { complaintId: row.id, type: 'internal_note', body: `Telefon ${name.toUpperCase()} pagi tadi; ${name.split(' ')[0]} setuju.`, authorType: 'staff', authorName: 'Pegawai Ujian', internal: true },
  ]);
  return row;
}

const closeAt = (id: string, closedAt: Date | null, status: 'ditutup' | 'dalam_tindakan' = 'ditutup') =>
  db().update(complaints).set({ status, closedAt }).where(eq(complaints.id, id));

const monthsAgo = (m: number) => new Date(Date.now() - m * 31 * 86_400_000);

async function objectExists(key: string) {
  try {
    await getS3().send(new HeadObjectCommand({ Bucket: getEnv().S3_BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/** Drizzle wraps the database's error: the trigger's words are in its cause. */
async function expectRefused(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err as Error & { cause?: Error });
  expect(e, 'the statement should have been refused').not.toBeNull();
  expect(String(e?.cause?.message ?? e?.message)).toMatch(/append-only/);
}

describe('PDPA retention', () => {
  it('builds a name pattern of the whole name and its parts, not bin/binti', () => {
    const p = namePattern('Siti Nurhaliza Binti Tarudin');
    expect(p).toContain('Siti\\s+Nurhaliza\\s+Binti\\s+Tarudin');
    expect(p).toContain('\\mTarudin\\M');
    expect(p).not.toContain('\\mBinti\\M');
  });

  it('has its own pg-boss queue (the daily schedule is added on start)', async () => {
    const rows = await db().execute<{ policy: string }>(sql`select policy from pgboss.queue where name = ${QUEUE_PRIVACY_RETENTION}`);
    expect(rows.map((r) => r.policy)).toEqual(['stately']);
  });

  it('anonymises a complaint closed longer ago than the setting, and only that one', async () => {
    const old = await file('Wan Zulkifli Bin Wan Hamzah');
    const young = await file('Rohana Binti Mokhtar');
    const open = await file('Hasnah Binti Yaacob');
    // Whatever the setting is now (another file may have changed it): well past it, and well within it.
    const { retentionMonths } = await getAgencySettings(db());
    await closeAt(old.id, monthsAgo(retentionMonths + 3));
    await closeAt(young.id, monthsAgo(retentionMonths - 3));
    await closeAt(open.id, null, 'dalam_tindakan');
    const oldKeys = (await db().select().from(attachments).where(eq(attachments.complaintId, old.id))).map((a) => a.objectKey);
    expect(oldKeys).toHaveLength(2);
    // Their verdict on closing, with a comment naming them: the comment goes, the verdict stays.
    await db().insert(complaintSatisfaction).values({ complaintId: old.id, satisfied: false, rating: 2, comment: 'Wan Zulkifli tidak puas hati.', channel: 'form' });

    // A title naming them: the name goes from the title, and from the search's title vocabulary.
    await db().update(complaints).set({ title: 'Aduan Wan Zulkifli tentang bayaran' }).where(eq(complaints.id, old.id));
    const vocabulary = async () =>
      (await db().execute<{ word: string }>(sql`select word from title_words where word in ('zulkifli', 'aduan') order by word`)).map((w) => w.word);
    expect(await vocabulary()).toEqual(['aduan', 'zulkifli']);

    const r = await runRetention(db(), new Date(), { batchSize: 1 });
    expect(r.anonymised).toBeGreaterThanOrEqual(1);
    expect(r.failed).toBe(0);
    expect(await vocabulary()).toEqual(['aduan']);

    const [after] = await db().select().from(complaints).where(eq(complaints.id, old.id));
    expect(after).toMatchObject({ name: ANONYMISED_NAME, icEncrypted: '', icHash: '', icLast4: '', phone: '', email: '', whatsappConsent: false });
    expect(after.anonymisedAt).not.toBeNull();
    expect(after.description).toBe(old.description); // history text kept
    const [verdict] = await db().select().from(complaintSatisfaction).where(eq(complaintSatisfaction.complaintId, old.id));
    expect(verdict).toMatchObject({ satisfied: false, rating: 2, comment: null });
    for (const key of oldKeys) expect(await objectExists(key)).toBe(false);
    expect(await db().select().from(attachments).where(eq(attachments.complaintId, old.id))).toHaveLength(0);

    const events = await db().select().from(complaintEvents).where(eq(complaintEvents.complaintId, old.id)).orderBy(complaintEvents.id);
    expect(events).toHaveLength(3); // submitted, feedback, note: none removed
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/Zulkifli|Hamzah/i);
    expect(events.filter((e) => e.authorType === 'complainant').every((e) => e.authorName === ANONYMISED_NAME)).toBe(true);
    expect(events.find((e) => e.type === 'complainant_feedback')?.body).toBe(`Saya ${ANONYMISED_NAME} masih menunggu.`);
    expect(events.find((e) => e.type === 'internal_note')?.authorName).toBe('Pegawai Ujian');
    expect(events.find((e) => e.type === 'internal_note')?.body).toContain('pagi tadi');

    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.anonymised'), eq(auditLog.targetId, old.id)));
    expect(entry.detail).toEqual({ retentionMonths, events: 3, objects: 2 });
    expect(JSON.stringify(entry)).not.toMatch(/Zulkifli|@example/);

    for (const untouched of [young, open]) {
      const [row] = await db().select().from(complaints).where(eq(complaints.id, untouched.id));
      expect(row.name).toBe(untouched.name);
      expect(row.icHash).toBe(untouched.icHash);
      expect(row.anonymisedAt).toBeNull();
      const keys = (await db().select().from(attachments).where(eq(attachments.complaintId, untouched.id))).map((a) => a.objectKey);
      expect(keys).toHaveLength(2);
      for (const key of keys) expect(await objectExists(key)).toBe(true);
    }

    // Idempotent: a second run finds nothing of these and writes no second audit record.
    await runRetention(db(), new Date());
    const entries = await db().select().from(auditLog).where(and(eq(auditLog.action, 'privacy.anonymised'), eq(auditLog.targetId, old.id)));
    expect(entries).toHaveLength(1);
  });

  it('keeps the history append-only for everything but the sanctioned function', async () => {
    const c = await file('Kamaruzaman Bin Ismail');
    await expectRefused(
        db().execute(sql`update complaint_events set body = 'x' where complaint_id = ${c.id}::uuid`),
      );
    await expectRefused(
        db().execute(sql`delete from complaint_events where complaint_id = ${c.id}::uuid`),
      );
    // Setting the flag by hand does not open an open complaint's history…
    await expectRefused(
        db().transaction(async (tx) => {
        await tx.execute(sql`select set_config('helpdesk.anonymising', ${c.id}, true)`);
        await tx.execute(sql`update complaint_events set body = 'x' where complaint_id = ${c.id}::uuid`);
      }),
      );
    // …nor, on a closed one, allow a delete or a change of anything but author and body.
    await closeAt(c.id, monthsAgo(1));
    for (const statement of [
      sql`delete from complaint_events where complaint_id = ${c.id}::uuid`,
      sql`update complaint_events set created_at = now() where complaint_id = ${c.id}::uuid`,
      sql`update complaint_events set internal = not internal where complaint_id = ${c.id}::uuid`,
    ]) {
      await expectRefused(
        db().transaction(async (tx) => {
          await tx.execute(sql`select set_config('helpdesk.anonymising', ${c.id}, true)`);
          await tx.execute(statement);
        }),
      );
    }
    // The function refuses a complaint that is not closed.
    await closeAt(c.id, null, 'dalam_tindakan');
    const [{ n }] = await db().execute<{ n: number }>(sql`select anonymise_complaint(${c.id}::uuid, 'x', 'y') as n`);
    expect(n).toBe(-1);
    // And the flag does not outlive the function's transaction.
    const [{ flag }] = await db().execute<{ flag: string | null }>(sql`select current_setting('helpdesk.anonymising', true) as flag`);
    expect(flag ?? '').toBe('');
  });
});
