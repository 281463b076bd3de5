import { GetObjectCommand } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaintEvents, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { getS3 } from '@/lib/storage';
import { solvedAltcha } from '../support/captcha';
import { jpegWithExif, pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { counts, fakeResend, waitFor } from '../support/inspect';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

withOutboxWorker();

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}`;

describe('submitting a complaint', () => {
  it('writes one complaint, one event, its objects, and sends exactly one email', async () => {
    const before = await counts();
    const fields = validFields();
    const result = await submitComplaint(getDb(), {
      fields,
      files: [
        { name: 'skrin.png', bytes: await pngBytes() },
        { name: 'surat.pdf', bytes: pdfBytes() },
      ],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.number).toMatch(/^PKN\d{15}$/);

    const after = await counts();
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.attachments - before.attachments).toBe(2);
    expect(after.objects - before.objects).toBe(2);

    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    expect(row.status).toBe('baru');
    expect(row.phone).toBe('0123456789');
    const [event] = await getDb().select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(event.type).toBe('submitted');
    const files = await getDb().select().from(attachments).where(eq(attachments.complaintId, row.id));
    expect(files.every((f) => f.objectKey.startsWith(`aduan/${result.number}/`))).toBe(true);
    expect(files.map((f) => f.contentType).sort()).toEqual(['application/pdf', 'image/png']);

    await drainOutbox();
    const { emails } = await fakeResend().emails();
    expect(emails).toHaveLength(1);
    expect(emails[0].to).toEqual(['siti@example.gov.my']);
    expect(emails[0].subject).toContain(result.number);
    expect(emails[0].html).toContain(result.number);
    expect(emails[0].idempotencyKey).toBe(`complaint-submitted/${row.id}`);
    for (const body of [emails[0].html ?? '', emails[0].text ?? '']) {
      expect(body).not.toContain('880101035123');
      expect(body).not.toContain('880101-03-5123');
      expect(body).toContain('******-**-5123');
    }
  });

  it('still sends exactly one email when Resend fails twice with 500', async () => {
    await fakeResend().failNext(2, 500);
    const result = await submitComplaint(getDb(), {
      fields: validFields(),
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    await drainOutbox();
    const final = await fakeResend().emails();
    expect(final.emails).toHaveLength(1);
    expect(final.attempts).toBeGreaterThanOrEqual(3);
    expect(final.emails[0].subject).toContain(result.ok ? result.number : 'x');
  });

  it('stores the IC encrypted, with a keyed hash and the last four digits', async () => {
    const result = await submitComplaint(getDb(), {
      fields: { ...validFields(), ic: '000229 14 1234' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    const keys = piiKeys(getEnv().PII_KEY);
    expect(row.icEncrypted).not.toContain('000229141234');
    expect(decryptPii(row.icEncrypted, keys.enc)).toBe('000229141234');
    expect(row.icHash).toBe(hashPii('000229141234', keys.mac));
    expect(row.icLast4).toBe('1234');
  });

  it('makes one complaint from a double click or a retried request', async () => {
    const fields = validFields();
    const before = await counts();
    const [a, b] = await Promise.all([
      submitComplaint(getDb(), { fields, files: [{ name: 'a.png', bytes: await pngBytes() }], captchaToken: await solvedAltcha(), ip: ip() }),
      submitComplaint(getDb(), { fields, files: [{ name: 'a.png', bytes: await pngBytes() }], captchaToken: await solvedAltcha(), ip: ip() }),
    ]);
    const retry = await submitComplaint(getDb(), { fields, files: [], captchaToken: await solvedAltcha(), ip: ip() });
    expect(a.ok && b.ok && retry.ok).toBe(true);
    if (!a.ok || !b.ok || !retry.ok) return;
    expect(new Set([a.number, b.number, retry.number]).size).toBe(1);
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.objects - before.objects).toBe(1);
    expect(after.jobs - before.jobs).toBe(1);
  });

  it('ignores fields the public may not set', async () => {
    const result = await submitComplaint(getDb(), {
      fields: { ...validFields(), status: 'ditutup', number: 'PKN000000000000001', assignedTo: crypto.randomUUID(), createdAt: '2001-01-01' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.number).not.toBe('PKN000000000000001');
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    expect(row.status).toBe('baru');
    expect(row.assignedTo).toBeNull();
    expect(row.createdAt.getFullYear()).toBeGreaterThan(2020);
  });

  it('re-encodes images so their metadata is gone', async () => {
    const original = await jpegWithExif();
    expect(Buffer.from(original).includes('secret-location-tag')).toBe(true);
    const result = await submitComplaint(getDb(), {
      fields: validFields(),
      files: [{ name: 'foto.jpg', bytes: original }],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    const [file] = await getDb().select().from(attachments).where(eq(attachments.complaintId, row.id));
    const obj = await getS3().send(new GetObjectCommand({ Bucket: getEnv().S3_BUCKET, Key: file.objectKey }));
    const stored = Buffer.from(await obj.Body!.transformToByteArray());
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored.includes('secret-location-tag')).toBe(false);
    expect(stored.includes('PhoneCam')).toBe(false);
  });

  it('keeps `<script>` as plain text', async () => {
    const result = await submitComplaint(getDb(), {
      fields: { ...validFields(), title: 'Ralat <script>alert(1)</script>' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    expect(row.title).toBe('Ralat <script>alert(1)</script>');
    const { emails } = await waitFor(async () => {
      const r = await fakeResend().emails();
      return r.emails.some((e) => e.subject.includes(result.number)) && r;
    });
    const email = emails.find((e) => e.subject.includes(result.number))!;
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
  });
});

describe('retries', () => {
  it('does not hand out a complaint link for a known submission key from someone else', async () => {
    const fields = validFields();
    const first = await submitComplaint(getDb(), { fields, files: [], captchaToken: await solvedAltcha(), ip: ip() });
    expect(first.ok).toBe(true);
    const other = await submitComplaint(getDb(), {
      fields: { ...validFields(), submissionKey: fields.submissionKey, ic: '900202-14-4321' },
      files: [],
      captchaToken: 'anything',
      ip: ip(),
    });
    expect(other).toEqual({ ok: false, reason: 'invalid', fieldErrors: { form: 'form_expired' } });
  });

  it('accepts a name pasted with non-breaking spaces', async () => {
    const result = await submitComplaint(getDb(), {
      fields: { ...validFields(), name: 'Siti\u00A0\u00A0Nur' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(result.ok).toBe(true);
  });
});
