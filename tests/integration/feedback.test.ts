import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError as ComplaintError } from '@/lib/errors';
import { FEEDBACK_LOCK, submitFeedback } from '@/lib/complaints/feedback';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { IllegalTransitionError } from '@/lib/complaints/status';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, categories, categoryOfficers, complaintEvents, complaints } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';
import { fakeResend, waitFor } from '../support/inspect';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// "Maklumbalas Anda": the complainant answers or closes their complaint; IC and full name must
// match; repeated mismatches lock the form; the officer in charge is told by email.

withOutboxWorker();

const ip = ipSequence('10.62');

const dashed = dashedIc;
const uniq = () => randomUUID().slice(0, 8);

const NAME = 'Siti Nurhaliza Binti Tarudin';
// The outbox delivers about one email a second, so an email may wait behind earlier tests' emails.
const MAIL_WAIT_MS = 45_000;
const MAIL_TEST_MS = 60_000;

type Filed = { number: string; id: string; ic: string; email: string; phone: string };

async function file(extra: Partial<ReturnType<typeof validFields>> = {}): Promise<Filed> {
  const ic = newIc();
  const email = `pengadu-${uniq()}@example.gov.my`;
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), ic: dashed(ic), email, phone: '013-987 6543', ...extra },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  const [row] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, r.number));
  return { number: r.number, id: row.id, ic, email, phone: '0139876543' };
}

async function feedback(
  number: string,
  fields: { icUser: string; name: string; message?: string; close?: string; satisfied?: string; rating?: string },
  files: { name: string; bytes: Uint8Array }[] = [],
  from: string = ip(),
) {
  return submitFeedback(getDb(), {
    number,
    fields: { message: '', ...fields },
    files,
    captchaToken: await solvedAltcha(),
    ip: from,
  });
}

async function officer(role: 'pegawai' | 'penyelia' = 'pegawai') {
  const id = uniq();
  return createStaffUser(getDb(), {
    name: `Pegawai Ujian ${id}`,
    email: `pegawai-${id}@pkn.test`,
    role,
    password: 'kata-laluan-ujian-123',
  });
}

const statusOf = async (id: string) =>
  (await getDb().select({ status: complaints.status, closedAt: complaints.closedAt }).from(complaints).where(eq(complaints.id, id)))[0];

const eventsOf = (id: string) =>
  getDb().select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.id));

describe('complainant feedback', () => {
  it('accepts the IC without dashes and the name in another case with extra spaces', async () => {
    const c = await file();
    const r = await feedback(c.number, {
      icUser: c.ic,
      name: `  ${NAME.toUpperCase().replace(/ /g, '   ')} `,
      message: 'Masalah masih berlaku selepas cubaan semula.',
    });
    expect(r).toEqual({ ok: true, closed: false, reopened: false });
    const events = await eventsOf(c.id);
    const fb = events.filter((e) => e.type === 'complainant_feedback');
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({
      body: 'Masalah masih berlaku selepas cubaan semula.',
      authorType: 'complainant',
      authorName: NAME,
      internal: false,
    });
    // Feedback on a new complaint leaves it new.
    expect((await statusOf(c.id)).status).toBe('baru');
  });

  it('answers a wrong IC and a wrong name with the same result, naming neither field', async () => {
    const c = await file();
    const wrongIc = await feedback(c.number, { icUser: newIc(), name: NAME, message: 'Cubaan' });
    const wrongName = await feedback(c.number, { icUser: c.ic, name: 'Orang Lain Binti Entah', message: 'Cubaan' });
    expect(wrongIc).toEqual({ ok: false, reason: 'mismatch' });
    expect(wrongName).toEqual(wrongIc);
    expect((await eventsOf(c.id)).filter((e) => e.type === 'complainant_feedback')).toHaveLength(0);
  });

  it(`locks the form for an address after ${FEEDBACK_LOCK.failures} mismatches, even for the right IC and name from there`, async () => {
    const c = await file();
    const from = ip(); // one address: the lock is per complaint and address (tests/security/feedback-oracle.test.ts)
    const answers: string[] = [];
    for (let i = 0; i < FEEDBACK_LOCK.failures; i++) {
      const r = await feedback(c.number, { icUser: c.ic, name: `Salah ${i}`, message: 'Cubaan' }, [], from);
      expect(r.ok).toBe(false);
      if (!r.ok) answers.push(r.reason);
    }
    expect(answers.slice(0, FEEDBACK_LOCK.failures - 1).every((a) => a === 'mismatch')).toBe(true);
    const next = await feedback(c.number, { icUser: c.ic, name: 'Salah lagi', message: 'Cubaan' }, [], from);
    expect(next.ok).toBe(false);
    expect([answers.at(-1), !next.ok && next.reason]).toContain('locked');
    expect(next).toEqual({ ok: false, reason: 'locked' });

    const right = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Ini saya' }, [], from);
    expect(right).toEqual({ ok: false, reason: 'locked' });
    expect((await eventsOf(c.id)).filter((e) => e.type === 'complainant_feedback')).toHaveLength(0);
  });

  it('reopens a resolved complaint', async () => {
    const c = await file();
    const staff = await officer();
    await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'selesai' });
    expect((await statusOf(c.id)).status).toBe('selesai');

    const r = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Belum selesai sebenarnya.' });
    expect(r).toEqual({ ok: true, closed: false, reopened: true });
    expect((await statusOf(c.id)).status).toBe('dalam_tindakan');
    const reopened = (await eventsOf(c.id)).filter((e) => e.type === 'reopened');
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ fromStatus: 'selesai', toStatus: 'dalam_tindakan', authorType: 'complainant', authorName: NAME });
  });

  it('hands a complaint waiting for the complainant back to the officer', async () => {
    const c = await file();
    const staff = await officer();
    await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'menunggu_pengadu' });

    const r = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Ini maklumat yang diminta.' });
    expect(r).toEqual({ ok: true, closed: false, reopened: false });
    expect((await statusOf(c.id)).status).toBe('dalam_tindakan');
    const changes = (await eventsOf(c.id)).filter((e) => e.type === 'status_change' && e.authorType === 'complainant');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ fromStatus: 'menunggu_pengadu', toStatus: 'dalam_tindakan', authorName: NAME });
  });

  it('closes the complaint without a message, emails the complainant, and takes no more feedback', async () => {
    const c = await file();
    const r = await feedback(c.number, { icUser: c.ic, name: NAME, message: '', close: 'on', satisfied: 'puas', rating: '4' });
    expect(r).toEqual({ ok: true, closed: true, reopened: false });

    const after = await statusOf(c.id);
    expect(after.status).toBe('ditutup');
    expect(after.closedAt).toBeInstanceOf(Date);
    const events = await eventsOf(c.id);
    // No message: the only feedback event is the closing's satisfaction verdict (data, no body).
    expect(events.filter((e) => e.type === 'complainant_feedback').map((e) => [e.data?.kind, e.body])).toEqual([['satisfaction_recorded', null]]);
    const closed = events.filter((e) => e.type === 'closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ authorType: 'complainant', authorName: NAME, toStatus: 'ditutup', authorUserId: null });

    const key = `complaint-closed/${closed[0].id}`;
    const email = await waitFor(async () => (await fakeResend().emails()).emails.find((e) => e.idempotencyKey === key), MAIL_WAIT_MS);
    expect(email.to).toEqual([c.email]);
    expect(email.subject).toContain(c.number);
    await drainOutbox();
    expect((await fakeResend().emails()).emails.filter((e) => e.idempotencyKey === key)).toHaveLength(1);

    expect(await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Satu lagi' })).toEqual({ ok: false, reason: 'closed' });
    expect(await feedback(c.number, { icUser: c.ic, name: NAME, close: 'on', satisfied: 'puas', rating: '5' })).toEqual({ ok: false, reason: 'closed' });
    expect((await eventsOf(c.id)).length).toBe(events.length);
  }, MAIL_TEST_MS);

  it('stores an attachment on the feedback event, and refuses a bad one without writing anything', async () => {
    const c = await file();
    const ok = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Tangkap layar dilampirkan.' }, [
      { name: 'skrin.png', bytes: await pngBytes() },
    ]);
    expect(ok.ok).toBe(true);
    const fb = (await eventsOf(c.id)).filter((e) => e.type === 'complainant_feedback');
    expect(fb).toHaveLength(1);
    const files = await getDb().select().from(attachments).where(eq(attachments.complaintId, c.id));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ eventId: fb[0].id, contentType: 'image/png', internal: false });
    expect(files[0].objectKey.startsWith(`aduan/${c.number}/`)).toBe(true);

    const before = (await eventsOf(c.id)).length;
    const exe = new Uint8Array(512);
    exe.set([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
    const bad = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Fail ini pula.' }, [{ name: 'skrin.png', bytes: exe }]);
    expect(bad.ok).toBe(false);
    if (bad.ok || bad.reason !== 'invalid') throw new Error(`unexpected ${JSON.stringify(bad)}`);
    expect(bad.fieldErrors.attachments).toBe('attachment_type');
    expect((await eventsOf(c.id)).length).toBe(before);
    expect(await getDb().select().from(attachments).where(eq(attachments.complaintId, c.id))).toHaveLength(1);
  });
});

describe('officers are told of feedback', () => {
  const feedbackEmails = async (number: string) =>
    (await fakeResend().emails()).emails.filter((e) => e.idempotencyKey?.startsWith('feedback-received/') && e.subject.includes(number));

  function expectNoPersonalData(body: string, c: Filed) {
    expect(body).not.toContain(c.ic);
    expect(body).not.toContain(dashed(c.ic));
    expect(body).not.toContain(c.phone);
    expect(body).not.toContain('013-987 6543');
    expect(body).not.toContain(c.email);
  }

  it('emails the assigned officer once, without the complainant IC, phone or email', async () => {
    const c = await file();
    const assigned = await officer();
    const bystander = await officer();
    const [cat] = await getDb().select({ categoryId: complaints.categoryId }).from(complaints).where(eq(complaints.id, c.id));
    await getDb().insert(categoryOfficers).values({ categoryId: cat.categoryId, userId: bystander.id });
    try {
      await getDb().update(complaints).set({ assignedTo: assigned.id }).where(eq(complaints.id, c.id));
      const r = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Maklumbalas untuk pegawai.' });
      expect(r.ok).toBe(true);
      await drainOutbox();
      const emails = await feedbackEmails(c.number);
      expect(emails).toHaveLength(1);
      expect(emails[0].to).toEqual([assigned.email]);
      expect(emails[0].html).toContain('Maklumbalas untuk pegawai.');
      for (const body of [emails[0].html ?? '', emails[0].text ?? '']) expectNoPersonalData(body, c);
    } finally {
      await getDb()
        .delete(categoryOfficers)
        .where(and(eq(categoryOfficers.categoryId, cat.categoryId), eq(categoryOfficers.userId, bystander.id)));
    }
  }, MAIL_TEST_MS);

  it("emails each of the category's officers once while the complaint is unassigned", async () => {
    const c = await file({ category: 'laporan' });
    const [cat] = await getDb().select({ id: categories.id }).from(categories).where(eq(categories.slug, 'laporan'));
    const a = await officer();
    const b = await officer();
    await getDb().insert(categoryOfficers).values([
      { categoryId: cat.id, userId: a.id },
      { categoryId: cat.id, userId: b.id },
    ]);
    try {
      const r = await feedback(c.number, { icUser: c.ic, name: NAME, message: 'Siapa yang menjaga aduan ini?' });
      expect(r.ok).toBe(true);
      await drainOutbox();
      const emails = await feedbackEmails(c.number);
      expect(emails).toHaveLength(2);
      expect(emails.map((e) => e.to).sort()).toEqual([[a.email], [b.email]].sort());
      for (const e of emails) for (const body of [e.html ?? '', e.text ?? '']) expectNoPersonalData(body, c);
    } finally {
      await getDb()
        .delete(categoryOfficers)
        .where(and(eq(categoryOfficers.categoryId, cat.id), inArray(categoryOfficers.userId, [a.id, b.id])));
    }
  }, MAIL_TEST_MS);
});

describe('status moves by staff', () => {
  it('refuses an illegal move back to new', async () => {
    const c = await file();
    const staff = await officer();
    await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'dalam_tindakan' });
    await expect(changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'baru' })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    expect((await statusOf(c.id)).status).toBe('dalam_tindakan');
  });

  it('needs a reason to close, and closes with one', async () => {
    const c = await file();
    const staff = await officer();
    for (const reason of [undefined, '', '   ']) {
      const err = await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'ditutup', reason }).catch((e) => e);
      expect(err).toBeInstanceOf(ComplaintError);
      expect((err as ComplaintError).code).toBe('reason_required');
    }
    expect((await statusOf(c.id)).status).toBe('baru');

    await changeStatus(getDb(), { userId: staff.id, number: c.number, to: 'ditutup', reason: 'Aduan berulang.' });
    const after = await statusOf(c.id);
    expect(after.status).toBe('ditutup');
    expect(after.closedAt).toBeInstanceOf(Date);
    const closed = (await eventsOf(c.id)).filter((e) => e.type === 'closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ body: 'Aduan berulang.', authorType: 'staff', authorUserId: staff.id, authorName: staff.name });
  });
});
