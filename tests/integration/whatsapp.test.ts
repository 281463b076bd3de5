import { eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addInternalNote, addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { getDb } from '@/lib/db';
import { notificationDeliveries } from '@/lib/db/schema';
import { startWorker } from '@/lib/jobs/worker';
import { NEW_REPLY_SUMMARY } from '@/lib/notify/complaint-whatsapp';
import { sendWhatsAppTemplate, whatsAppConfig, WhatsAppError } from '@/lib/notify/whatsapp';
import { fakeWhatsApp, fileComplaint, newOfficer } from '../support/officer-fixtures';
import { drainOutbox } from '../support/outbox';

// WhatsApp notices through the Cloud API (a fake Graph server here): only to complainants who
// agreed, one per public reply or status change, never for internal notes, retried on 5xx and
// still sent once.

let worker: PgBoss;
beforeAll(async () => {
  worker = await startWorker();
  // Jobs queued by earlier files (closings with consent) must not meet this file's fake failures.
  await drainOutbox();
}, 120_000);
afterAll(async () => {
  await drainOutbox();
  await worker.stop({ graceful: true, wait: true });
}, 120_000);
beforeEach(async () => {
  await fakeWhatsApp().reset();
});

const messagesFor = async (number: string) => (await fakeWhatsApp().messages()).messages.filter((m) => m.params[0] === number);
const jobsFor = async (eventId: number) =>
  Number(
    (
      await getDb().execute<{ n: string }>(
        sql`select count(*) as n from pgboss.job where name = 'whatsapp' and (data->>'eventId')::bigint = ${eventId}`,
      )
    )[0].n,
  );

describe('WhatsApp notices', () => {
  it('sends one template message for a public reply, to the E.164 number, even after a 500', async () => {
    const c = await fileComplaint({ phone: '013-987 6543' });
    const staff = await newOfficer();
    await fakeWhatsApp().failNext(1, 500);
    const { eventId } = await addPublicReply(getDb(), { userId: staff.id, number: c.number, body: 'Kod telah ditambah.' });

    await drainOutbox();
    const all = await messagesFor(c.number);
    expect(all).toHaveLength(1);
    const [m] = all;
    expect(m.to).toBe('+60139876543');
    expect(m.phoneNumberId).toBe('1234567890');
    expect(m.template.name).toBe('aduan_dikemaskini');
    expect(m.template.language.code).toBe('ms');
    expect(m.params[0]).toBe(c.number);
    expect(m.params[1]).toBe(NEW_REPLY_SUMMARY);
    expect(m.params[2]).toContain(`/aduan/${c.number}?t=`);
    // The failed attempt reached the fake and was retried; the key is recorded once.
    expect((await fakeWhatsApp().messages()).attempts).toBeGreaterThanOrEqual(2);
    const recorded = await getDb().select().from(notificationDeliveries).where(eq(notificationDeliveries.key, `wa/officer-reply/${eventId}`));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ channel: 'whatsapp', providerId: m.id });
  }, 60_000);

  it('sends nothing to a complainant who did not agree', async () => {
    const c = await fileComplaint({ consent: false });
    const staff = await newOfficer();
    const { eventId } = await addPublicReply(getDb(), { userId: staff.id, number: c.number, body: 'Balasan tanpa WhatsApp.' });
    // Decided at enqueue time: no job at all.
    expect(await jobsFor(eventId)).toBe(0);
    await drainOutbox();
    expect(await messagesFor(c.number)).toHaveLength(0);
  }, 120_000);

  it('sends one message for a status change, naming the new status', async () => {
    const c = await fileComplaint();
    const staff = await newOfficer();
    await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'menunggu_pengadu' });
    await drainOutbox();
    const all = await messagesFor(c.number);
    expect(all).toHaveLength(1);
    const [m] = all;
    expect(m.params[1]).toBe('Menunggu Pengadu');
  }, 60_000);

  it('sends nothing for an internal note', async () => {
    const c = await fileComplaint();
    const staff = await newOfficer();
    const { eventId } = await addInternalNote(getDb(), { userId: staff.id, number: c.number, body: 'Nota dalaman sahaja.' });
    expect(await jobsFor(eventId)).toBe(0);
    await drainOutbox();
    expect(await messagesFor(c.number)).toHaveLength(0);
  }, 120_000);
});

describe('sendWhatsAppTemplate', () => {
  const msg = (key: string) => ({
    toE164: '+60123456789',
    complaintNo: 'PKN250101000000001',
    summary: 'Dalam\nTindakan',
    link: 'http://localhost/aduan/x',
    idempotencyKey: key,
  });

  it('skips a key already delivered, and tells retryable from permanent refusals', async () => {
    const cfg = whatsAppConfig()!;
    const key = `wa/test/${Date.now()}`;
    const first = await sendWhatsAppTemplate(cfg, msg(key));
    const again = await sendWhatsAppTemplate(cfg, msg(key));
    expect(first.skipped).toBe(false);
    expect(again).toEqual({ id: first.id, skipped: true });
    const sent = (await fakeWhatsApp().messages()).messages.filter((m) => m.params[0] === 'PKN250101000000001');
    expect(sent).toHaveLength(1);
    // New lines are not allowed in template parameters.
    expect(sent[0].params[1]).toBe('Dalam Tindakan');

    await fakeWhatsApp().failNext(1, 503);
    await expect(sendWhatsAppTemplate(cfg, msg(`${key}/b`))).rejects.toMatchObject({ retryable: true, status: 503 });
    await fakeWhatsApp().failNext(1, 429);
    await expect(sendWhatsAppTemplate(cfg, msg(`${key}/c`))).rejects.toMatchObject({ retryable: true, status: 429 });
    await fakeWhatsApp().failNext(1, 400);
    const refused = sendWhatsAppTemplate(cfg, msg(`${key}/d`));
    await expect(refused).rejects.toBeInstanceOf(WhatsAppError);
    await expect(refused).rejects.toMatchObject({ retryable: false, status: 400 });
    await expect(sendWhatsAppTemplate({ ...cfg, token: 'wrong' }, msg(`${key}/e`))).rejects.toMatchObject({ retryable: false, status: 401 });
    // Nothing listening: a network error, retryable; the phone number is not in the message.
    const down = await sendWhatsAppTemplate({ ...cfg, apiUrl: 'http://127.0.0.1:9' }, msg(`${key}/f`)).catch((e: unknown) => e);
    expect(down).toMatchObject({ retryable: true });
    expect(String((down as Error).message)).not.toContain('123456789');
  });
});
