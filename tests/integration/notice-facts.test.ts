import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { takeComplaint } from '@/lib/complaints/assignment';
import { submitFeedback } from '@/lib/complaints/feedback';
import { addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { complaints } from '@/lib/db/schema';
import { buildEmails } from '@/lib/notify/complaint-emails';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend } from '../support/inspect';
import { newOfficer } from '../support/officer-fixtures';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// Job payloads carry the facts the service decided. The email builders never re-derive them from
// the complaint's row at delivery time (which may have moved on) nor compare translated labels.

withOutboxWorker();

const ip = ipSequence('10.64');
const NAME = 'Wan Nur Aisyah Binti Wan Ahmad';
const MAIL_TEST_MS = 90_000;

async function fileAndTake() {
  const ic = newIc();
  const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), name: NAME, ic: dashedIc(ic), email },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  const officer = await newOfficer();
  await takeComplaint(getDb(), { userId: officer.id, number: r.number });
  return { number: r.number, ic, officer };
}

const feedback = async (number: string, ic: string, message: string) =>
  submitFeedback(getDb(), { number, fields: { icUser: ic, name: NAME, message }, files: [], captchaToken: await solvedAltcha(), ip: ip() });

/** The emails the fake Resend received for one complaint number, once the outbox is empty. */
async function delivered(number: string) {
  await drainOutbox();
  return (await fakeResend().emails()).emails.filter((e) => e.subject.includes(number));
}

describe('notices carry what the service decided', () => {
  it('feedback on a complaint already in progress does not tell the officer it was reopened', async () => {
    const c = await fileAndTake();
    await addPublicReply(getDb(), { userId: c.officer.id, number: c.number, body: 'Sila cuba semula.' }); // baru → dalam_tindakan
    expect(await feedback(c.number, c.ic, 'Masih tidak berjaya.')).toEqual({ ok: true, closed: false, reopened: false });

    const toOfficer = (await delivered(c.number)).filter((e) => e.to.includes(c.officer.email));
    expect(toOfficer).toHaveLength(1);
    expect(toOfficer[0].html).not.toContain('dibuka semula');
    expect(toOfficer[0].text).not.toContain('reopened');
    expect(toOfficer[0].html).not.toContain('menutup aduan ini');
  }, MAIL_TEST_MS);

  it('feedback on a resolved complaint tells the officer it was reopened', async () => {
    const c = await fileAndTake();
    await changeStatus(getDb(), { userId: c.officer.id, number: c.number, to: 'selesai' });
    expect(await feedback(c.number, c.ic, 'Masalah berulang.')).toEqual({ ok: true, closed: false, reopened: true });

    const toOfficer = (await delivered(c.number)).filter((e) => e.to.includes(c.officer.email) && e.subject.startsWith('Maklumbalas pengadu'));
    expect(toOfficer).toHaveLength(1);
    expect(toOfficer[0].html).toContain('dibuka semula');
  }, MAIL_TEST_MS);

  it('the feedback job records closed and reopened as decided, whatever the row says later', async () => {
    const c = await fileAndTake();
    await changeStatus(getDb(), { userId: c.officer.id, number: c.number, to: 'selesai' });
    await feedback(c.number, c.ic, 'Masalah berulang.');
    const [job] = await getDb().execute<{ data: { closed: boolean; reopened: boolean } }>(
      sql`select data from pgboss.job where name = 'email' and data->>'kind' = 'feedback-received'
          and (data->>'eventId')::bigint in (select e.id from complaint_events e join complaints c on c.id = e.complaint_id where c.number = ${c.number})`,
    );
    expect(job.data).toMatchObject({ closed: false, reopened: true });
  });

  it('a reply email states the status the reply left, even after the complaint moved on', async () => {
    const c = await fileAndTake();
    const { eventId } = await addPublicReply(getDb(), { userId: c.officer.id, number: c.number, body: 'Sila hantar tangkap layar.', status: 'menunggu_pengadu' });
    await changeStatus(getDb(), { userId: c.officer.id, number: c.number, to: 'selesai' });
    const [row] = await getDb().select({ status: complaints.status }).from(complaints).where(eq(complaints.number, c.number));
    expect(row.status).toBe('selesai');

    const [email] = await buildEmails(getDb(), { kind: 'officer-reply', eventId, status: 'menunggu_pengadu' });
    expect(email.html).toContain('Menunggu Pengadu');
    expect(email.text).toContain('Waiting for complainant');
    expect(email.html).not.toContain('Selesai');
  });
});
