import { and, desc, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as logoRoute } from '@/app/api/logo/route';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, complaints } from '@/lib/db/schema';
import { startWorker } from '@/lib/jobs/worker';
import { activeWhatsAppConfig } from '@/lib/notify/whatsapp';
import { getAgencySettings, readRetentionForm, saveAgencySettings, type AgencySettings } from '@/lib/settings/agency';
import { submitLogo, submitLogoRemoval, submitRetentionForm, submitWhatsAppForm } from '@/lib/settings/agency-forms';
import { getObject } from '@/lib/storage';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeWhatsApp, newOfficer } from '../support/officer-fixtures';
import { dashedIc, drainOutbox, ipSequence, newIc } from '../support/outbox';

// The agency settings (issue #11 item 7): every section saves only its own fields, each save is
// audited with the values before and after, and what is saved holds on the next request: the
// WhatsApp switch and template at the next enqueue and delivery, the logo at the next /api/logo.

const db = getDb();
const actor = { userId: '11111111-1111-1111-1111-111111111111', ip: '10.214.0.1' };
const nextIp = ipSequence('10.214');
let original: AgencySettings;
let worker: PgBoss;

beforeAll(async () => {
  original = await getAgencySettings(db);
  worker = await startWorker();
  await drainOutbox();
}, 120_000);
afterAll(async () => {
  await saveAgencySettings(db, actor, original);
  await drainOutbox();
  await worker.stop({ graceful: true, wait: true });
}, 120_000);

const lastAudit = async () =>
  (
    await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'settings.agency_updated'), eq(auditLog.actorId, actor.userId)))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];

describe('agency settings', () => {
  it('saves, audits each change with its value before and after, and refuses a bad prefix without writing', async () => {
    const before = await getAgencySettings(db);
    await saveAgencySettings(db, actor, { ...before, phone: '09 711 2233', strictLookup: !before.strictLookup });
    const after = await getAgencySettings(db);
    expect(after.phone).toBe('09 711 2233');
    expect(after.strictLookup).toBe(!before.strictLookup);
    expect((await lastAudit()).detail).toEqual({
      changed: {
        phone: { before: before.phone, after: '09 711 2233' },
        strictLookup: { before: before.strictLookup, after: !before.strictLookup },
      },
    });
    await expect(saveAgencySettings(db, actor, { ...after, complaintPrefix: 'pkn1' })).rejects.toThrow();
    expect((await getAgencySettings(db)).complaintPrefix).toBe(before.complaintPrefix);
  });

  it('saves one section without touching the others', async () => {
    const before = await getAgencySettings(db);
    await saveAgencySettings(db, actor, { retentionMonths: before.retentionMonths === 36 ? 48 : 36 });
    const after = await getAgencySettings(db);
    expect({ ...after, retentionMonths: before.retentionMonths }).toEqual(before);
    expect(Object.keys(((await lastAudit()).detail as { changed: object }).changed)).toEqual(['retentionMonths']);
  });
});

describe('retention months', () => {
  it('takes a whole number of months from 6 to 120, with the reason beside the field otherwise', async () => {
    expect(readRetentionForm({ retentionMonths: '36' })).toEqual({ ok: true, value: { retentionMonths: 36 } });
    expect(readRetentionForm({ retentionMonths: ' 6 ' })).toEqual({ ok: true, value: { retentionMonths: 6 } });
    expect(readRetentionForm({ retentionMonths: '120' })).toEqual({ ok: true, value: { retentionMonths: 120 } });
    for (const bad of ['', 'dua', '12.5', '-12']) expect(readRetentionForm({ retentionMonths: bad })).toEqual({ ok: false, errors: { retentionMonths: 'retention_whole' } });
    for (const bad of ['0', '5', '121', '9999']) expect(readRetentionForm({ retentionMonths: bad })).toEqual({ ok: false, errors: { retentionMonths: 'retention_range' } });

    const before = await getAgencySettings(db);
    const refused = await submitRetentionForm(db, actor, { retentionMonths: '500' }, 'ms');
    expect(refused).toEqual({ ok: false, message: 'Sila betulkan medan yang ditandakan. Tiada apa-apa disimpan.', fieldErrors: { retentionMonths: 'Antara 6 dan 120 bulan.' } });
    const refusedEn = await submitRetentionForm(db, actor, { retentionMonths: 'x' }, 'en');
    expect(refusedEn.ok === false && refusedEn.fieldErrors).toEqual({ retentionMonths: 'Enter the number of months as a whole number.' });
    // The service refuses too, whoever calls it.
    await expect(saveAgencySettings(db, actor, { retentionMonths: 0 })).rejects.toThrow();
    expect((await getAgencySettings(db)).retentionMonths).toBe(before.retentionMonths);

    const months = before.retentionMonths === 60 ? 72 : 60;
    expect(await submitRetentionForm(db, actor, { retentionMonths: String(months) }, 'ms')).toEqual({ ok: true, message: 'Disimpan.' });
    expect((await getAgencySettings(db)).retentionMonths).toBe(months);
    expect((await lastAudit()).detail).toEqual({ changed: { retentionMonths: { before: before.retentionMonths, after: months } } });
  });
});

describe('WhatsApp switch and template', () => {
  const fileWithConsent = async () => {
    const r = await submitComplaint(db, {
      fields: { ...validFields(), ic: dashedIc(newIc()), email: `tetapan-${Date.now()}@example.gov.my`, phone: '013-222 4455' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: nextIp(),
    });
    if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
    const [c] = await db.select({ consent: complaints.whatsappConsent }).from(complaints).where(eq(complaints.number, r.number));
    expect(c.consent).toBe(true);
    return r.number;
  };
  const jobsFor = async (eventId: number) =>
    Number(
      (await db.execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = 'whatsapp' and (data->>'eventId')::bigint = ${eventId}`))[0].n,
    );

  it('switched off: no WhatsApp job even with credentials; on: one, sent with the template an admin named', async () => {
    const officer = await newOfficer();
    const number = await fileWithConsent();

    const off = await submitWhatsAppForm(db, actor, { whatsappTemplate: 'aduan_dikemaskini', whatsappTemplateLang: 'ms' }, 'ms');
    expect(off.ok).toBe(true);
    expect(await activeWhatsAppConfig(db)).toBeNull();
    expect((await lastAudit()).detail).toMatchObject({ changed: { whatsappEnabled: { before: true, after: false } } });
    const quiet = await addPublicReply(db, { userId: officer.id, number, body: 'Balasan semasa WhatsApp dimatikan.' });
    expect(await jobsFor(quiet.eventId)).toBe(0);

    // On again, with another approved template: the next reply queues one job, delivered with it.
    await fakeWhatsApp().reset();
    await submitWhatsAppForm(db, actor, { whatsappEnabled: 'on', whatsappTemplate: 'aduan_kemas_kini_v2', whatsappTemplateLang: 'en_US' }, 'ms');
    expect((await lastAudit()).detail).toEqual({
      changed: {
        whatsappEnabled: { before: false, after: true },
        whatsappTemplate: { before: 'aduan_dikemaskini', after: 'aduan_kemas_kini_v2' },
        whatsappTemplateLang: { before: 'ms', after: 'en_US' },
      },
    });
    const loud = await addPublicReply(db, { userId: officer.id, number, body: 'Balasan semasa WhatsApp dihidupkan.' });
    expect(await jobsFor(loud.eventId)).toBe(1);
    await drainOutbox();
    const sent = (await fakeWhatsApp().messages()).messages.filter((m) => m.params[0] === number);
    expect(sent).toHaveLength(1);
    expect(sent[0].template).toMatchObject({ name: 'aduan_kemas_kini_v2', language: { code: 'en_US' } });
  }, 60_000);

  it('refuses a bad template name or language beside its field, saving nothing', async () => {
    const before = await getAgencySettings(db);
    const r = await submitWhatsAppForm(db, actor, { whatsappEnabled: 'on', whatsappTemplate: 'Aduan Baru!', whatsappTemplateLang: 'melayu' }, 'ms');
    expect(r).toEqual({
      ok: false,
      message: 'Sila betulkan medan yang ditandakan. Tiada apa-apa disimpan.',
      fieldErrors: {
        whatsappTemplate: 'Nama templat tidak sah: huruf kecil, nombor dan garis bawah (_) sahaja.',
        whatsappTemplateLang: 'Kod bahasa tidak sah (contoh: ms, en atau en_US).',
      },
    });
    expect(await getAgencySettings(db)).toEqual(before);
  });
});

describe('logo', () => {
  const logoRequest = (v?: string) => logoRoute(new Request(`http://localhost/api/logo${v ? `?v=${v}` : ''}`));

  it('refuses a non-image, an SVG and a too-large file in Malay, storing nothing', async () => {
    const before = await getAgencySettings(db);
    const typeMessage = 'Logo mesti imej PNG atau JPEG yang sah.';
    const cases: [File | null, string][] = [
      [new File(['bukan imej'], 'logo.png', { type: 'image/png' }), typeMessage],
      [new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'logo.svg', { type: 'image/svg+xml' }), typeMessage],
      // A PNG's signature and then nothing an image decoder accepts.
      [new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3])], 'rosak.png'), typeMessage],
      [new File([new Uint8Array(1024 * 1024 + 1)], 'besar.png', { type: 'image/png' }), 'Fail logo terlalu besar: had 1 MB.'],
      [null, 'Pilih fail logo.'],
    ];
    for (const [file, message] of cases) {
      const r = await submitLogo(db, actor, file, 'ms');
      expect(r, file?.name ?? 'no file').toEqual({ ok: false, message: 'Sila betulkan medan yang ditandakan. Tiada apa-apa disimpan.', fieldErrors: { logo: message } });
    }
    expect(await getAgencySettings(db)).toEqual(before);
  });

  it('stores a re-encoded, scaled-down image, serves it with its version, audits its key and hash, and removes it', async () => {
    // A large JPEG with a location in its EXIF and bytes appended after the image.
    const jpeg = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 20, g: 90, b: 160 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'lokasi-rahsia', Make: 'PhoneCam' } } })
      .toBuffer();
    const upload = Buffer.concat([jpeg, Buffer.from('<?php echo "tersembunyi"; ?>')]);
    const before = (await getAgencySettings(db)).logo;

    expect(await submitLogo(db, actor, new File([upload], 'logo.jpg'), 'ms')).toEqual({ ok: true, message: 'Logo disimpan.' });
    const { logo } = await getAgencySettings(db);
    expect(logo).toMatchObject({ contentType: 'image/jpeg', width: 480, height: 240 });
    expect(logo!.key).toBe(`agensi/logo/${logo!.sha256}.jpg`);
    expect((await lastAudit()).detail).toEqual({ changed: { logo: { before, after: logo } } });

    const stored = Buffer.from(await (await getObject(logo!.key)).Body!.transformToByteArray());
    expect(stored.equals(upload)).toBe(false);
    expect(stored.includes('lokasi-rahsia')).toBe(false);
    expect(stored.includes('tersembunyi')).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 240 });
    expect(meta.exif).toBeUndefined();

    const version = logo!.sha256.slice(0, 16);
    const res = await logoRequest(version);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true);
    // An old page's address still gets the current logo, cached only briefly.
    expect((await logoRequest('0000000000000000')).headers.get('cache-control')).toBe('public, max-age=60');

    // A PNG replaces it; the old object is removed.
    const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect((await submitLogo(db, actor, new File([png], 'logo.png'), 'ms')).ok).toBe(true);
    const next = (await getAgencySettings(db)).logo!;
    expect(next).toMatchObject({ contentType: 'image/png', width: 300, height: 100 });
    await expect(getObject(logo!.key)).rejects.toThrow();
    expect((await logoRequest(next.sha256.slice(0, 16))).headers.get('content-type')).toBe('image/png');

    expect(await submitLogoRemoval(db, actor, 'ms')).toEqual({ ok: true, message: 'Logo dibuang.' });
    expect((await getAgencySettings(db)).logo).toBeNull();
    expect((await lastAudit()).detail).toEqual({ changed: { logo: { before: next, after: null } } });
    expect((await logoRequest()).status).toBe(404);
    await expect(getObject(next.key)).rejects.toThrow();
  });
});
