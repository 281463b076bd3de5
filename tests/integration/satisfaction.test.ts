import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { takeComplaint } from '@/lib/complaints/assignment';
import { signSatisfactionLink } from '@/lib/complaints/access';
import { submitFeedback } from '@/lib/complaints/feedback';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { satisfactionLinkState, submitSatisfactionLink } from '@/lib/complaints/satisfaction';
import { submitComplaint } from '@/lib/complaints/submit';
import { SAVED_VIEWS } from '@/lib/console/queue/filters';
import { listQueue } from '@/lib/console/queue/query';
import { getDb } from '@/lib/db';
import { complaintEvents, complaints, complaintSatisfaction } from '@/lib/db/schema';
import { complaintDueTimes } from '@/lib/sla/clock';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { targetsFor } from '@/lib/sla/targets';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend } from '../support/inspect';
import { newOfficer } from '../support/officer-fixtures';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// Satisfaction on closing and the appeal (rayuan): the closing email's signed link works once, then
// refuses; "Tidak puas hati" on an officer's work opens the one appeal (back to dalam tindakan, its
// own due time, the supervisors emailed once, in the queue's Rayuan view); Puas hati never does.

withOutboxWorker();

const ip = ipSequence('10.223');
const NAME = 'Nor Azizah Binti Kamaruddin';
const MAIL_TEST_MS = 120_000;

let officer: Awaited<ReturnType<typeof newOfficer>>;
let supervisor: Awaited<ReturnType<typeof newOfficer>>;
beforeAll(async () => {
  officer = await newOfficer();
  supervisor = await newOfficer('penyelia');
});

async function file() {
  const ic = newIc();
  const email = `kepuasan-${randomUUID().slice(0, 8)}@example.gov.my`;
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), name: NAME, ic: dashedIc(ic), email },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  await takeComplaint(getDb(), { userId: officer.id, number: r.number });
  const [row] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, r.number));
  return { number: r.number, id: row.id, ic, email };
}

const move = (number: string, to: 'dalam_tindakan' | 'selesai' | 'ditutup') =>
  changeStatus(getDb(), { userId: officer.id, number, to, reason: to === 'ditutup' ? 'Selesai diambil tindakan.' : undefined });

const closeForm = async (c: { number: string; ic: string }, verdict: Record<string, string>) =>
  submitFeedback(getDb(), { number: c.number, fields: { icUser: c.ic, name: NAME, message: '', close: 'on', ...verdict }, files: [], captchaToken: await solvedAltcha(), ip: ip() });

const viaLink = (number: string, token: string, fields: Record<string, string>, now?: Date) =>
  submitSatisfactionLink(getDb(), { number, token, fields, ip: ip() }, now);

const row = async (id: string) => (await getDb().select().from(complaints).where(eq(complaints.id, id)))[0];
const verdicts = (id: string) => getDb().select().from(complaintSatisfaction).where(eq(complaintSatisfaction.complaintId, id)).orderBy(asc(complaintSatisfaction.round));
const dataKinds = async (id: string) =>
  (await getDb().select({ data: complaintEvents.data }).from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.id)))
    .map((e) => e.data?.kind)
    .filter(Boolean);

/** Every email the fake Resend received about this complaint, once the outbox is empty. */
async function mail(number: string) {
  await drainOutbox();
  return (await fakeResend().emails()).emails.filter((e) => e.subject.includes(number));
}

/** The satisfaction token in the complainant's closing emails (newest last). */
async function linkTokens(c: { number: string; email: string }): Promise<string[]> {
  const closing = (await mail(c.number)).filter((e) => e.to.includes(c.email) && e.subject.startsWith(`Aduan ${c.number} ditutup`));
  return closing.flatMap((e) => [...(e.text ?? '').matchAll(new RegExp(`/aduan/${c.number}/kepuasan\\?t=([\\w.-]+)`, 'g'))].map((m) => m[1])).filter((t, i, a) => a.indexOf(t) === i);
}

describe('satisfaction through the closing email', () => {
  it('the link works once, then refuses', async () => {
    const c = await file();
    await move(c.number, 'ditutup');
    const [token] = await linkTokens(c);
    expect(token).toBeTruthy();
    expect(await satisfactionLinkState(getDb(), c.number, token)).toMatchObject({ ok: true, round: 1 });

    expect(await viaLink(c.number, token, { satisfied: 'puas', rating: '5', comment: 'Terima kasih, pantas.' })).toEqual({ ok: true, satisfied: true, appeal: null, noAppeal: null });
    expect(await satisfactionLinkState(getDb(), c.number, token)).toEqual({ ok: false, reason: 'used' });
    expect(await viaLink(c.number, token, { satisfied: 'tidak_puas', rating: '1' })).toEqual({ ok: false, reason: 'used' });

    expect(await verdicts(c.id)).toMatchObject([{ round: 1, satisfied: true, rating: 5, comment: 'Terima kasih, pantas.', channel: 'email' }]);
    expect((await row(c.id)).status).toBe('ditutup');
    expect(await dataKinds(c.id)).toEqual(['assigned', 'satisfaction_recorded']);
  }, MAIL_TEST_MS);

  it('refuses expired and forged links, writing nothing', async () => {
    const c = await file();
    await move(c.number, 'ditutup');
    const other = await file();
    const old = signSatisfactionLink(c.number, 1, new Date(Date.now() - 15 * 86_400_000));
    const good = signSatisfactionLink(c.number, 1);
    const forged = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const fields = { satisfied: 'puas', rating: '4' };

    expect(await satisfactionLinkState(getDb(), c.number, old)).toEqual({ ok: false, reason: 'expired' });
    expect(await viaLink(c.number, old, fields)).toEqual({ ok: false, reason: 'expired' });
    expect(await viaLink(c.number, forged, fields)).toEqual({ ok: false, reason: 'invalid_link' });
    expect(await viaLink(c.number, `2${good.slice(1)}`, fields)).toEqual({ ok: false, reason: 'invalid_link' });
    expect(await viaLink(other.number, good, fields)).toEqual({ ok: false, reason: 'invalid_link' });
    expect(await satisfactionLinkState(getDb(), c.number, undefined)).toEqual({ ok: false, reason: 'invalid' });
    // Still good today, refused once the 14 days are over.
    expect(await viaLink(c.number, good, fields, new Date(Date.now() + 15 * 86_400_000))).toEqual({ ok: false, reason: 'expired' });

    expect(await verdicts(c.id)).toEqual([]);
    expect(await verdicts(other.id)).toEqual([]);
  });
});

describe('the appeal (rayuan)', () => {
  it('Tidak puas hati on an officer-closed complaint opens the appeal once: supervisors told once, in the Rayuan view with its due time', async () => {
    const c = await file();
    await move(c.number, 'selesai');
    await move(c.number, 'ditutup');
    const [token] = await linkTokens(c);

    const r = await viaLink(c.number, token, { satisfied: 'tidak_puas', rating: '2', comment: 'Masalah belum selesai.' });
    expect(r).toMatchObject({ ok: true, satisfied: false, noAppeal: null, appeal: { resolutionDays: (await getServiceLevelSettings(getDb())).appealResolutionDays } });
    const after = await row(c.id);
    expect(after).toMatchObject({ status: 'dalam_tindakan', closedAt: null, clockPausedAt: null, clockPausedMinutes: 0 });
    expect(after.appealOpenedAt).toBeInstanceOf(Date);
    expect(await dataKinds(c.id)).toEqual(['assigned', 'satisfaction_recorded', 'appeal_opened']);

    // Its own service level: the appeal's working days from the appeal, through lib/sla.
    const cal = await loadWorkingCalendar(getDb());
    const { appealResolutionDays, nearlyPercent } = await getServiceLevelSettings(getDb());
    const due = complaintDueTimes(cal, after, await targetsFor(getDb(), cal, after.categoryId, after.priority), 0, nearlyPercent, appealResolutionDays);
    expect(after.resolutionDueAt).toEqual(due.resolutionDueAt);
    expect(r.ok && r.appeal?.dueAt).toEqual(due.resolutionDueAt);

    // In the queue's Rayuan view, with its due time and the badge.
    const { rows } = await listQueue(getDb(), { userId: supervisor.id }, { ...SAVED_VIEWS.rayuan.filters, q: c.number }, {});
    expect(rows.map((q) => [q.number, q.appeal, q.resolutionDueAt])).toEqual([[c.number, true, due.resolutionDueAt]]);

    // Each active supervisor once (ours among them); the complainant told what happens next.
    const first = await mail(c.number);
    const staff = first.filter((e) => e.subject.startsWith(`Rayuan: aduan ${c.number}`));
    const to = staff.flatMap((e) => e.to);
    expect(to).toContain(supervisor.email);
    expect(new Set(to).size).toBe(to.length);
    expect(to).not.toContain(c.email);
    const told = first.filter((e) => e.to.includes(c.email) && e.subject.startsWith(`Rayuan aduan ${c.number} diterima`));
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('hari bekerja');

    // The officers resolve and close it again; the second verdict (round 2) opens no second appeal.
    await move(c.number, 'selesai');
    await move(c.number, 'ditutup');
    const tokens = await linkTokens(c);
    const second = tokens.find((t) => t.startsWith('2.'))!;
    expect(second).toBeTruthy();
    expect(await viaLink(c.number, token, { satisfied: 'tidak_puas', rating: '1' })).toEqual({ ok: false, reason: 'used' });
    expect(await viaLink(c.number, second, { satisfied: 'tidak_puas', rating: '1' })).toEqual({ ok: true, satisfied: false, appeal: null, noAppeal: 'used' });
    expect((await row(c.id)).status).toBe('ditutup');
    expect((await verdicts(c.id)).map((v) => [v.round, v.satisfied])).toEqual([[1, false], [2, false]]);
    const again = await mail(c.number);
    expect(again.filter((e) => e.subject.startsWith(`Rayuan: aduan ${c.number}`)).flatMap((e) => e.to).sort()).toEqual([...to].sort());
    expect(again.filter((e) => e.subject.startsWith(`Rayuan aduan ${c.number}`))).toHaveLength(1);
  }, MAIL_TEST_MS * 2);

  it('Tidak puas hati on the closing form of a resolved complaint opens the appeal instead of closing', async () => {
    const c = await file();
    await move(c.number, 'selesai');
    const r = await closeForm(c, { satisfied: 'tidak_puas', rating: '1', comment: 'Tidak berfungsi.' });
    expect(r).toMatchObject({ ok: true, closed: false, reopened: true, appeal: { resolutionDays: expect.any(Number) } });
    expect(await row(c.id)).toMatchObject({ status: 'dalam_tindakan', closedAt: null });
    expect(await verdicts(c.id)).toMatchObject([{ round: 1, satisfied: false, rating: 1, channel: 'form' }]);
    expect(await dataKinds(c.id)).toEqual(['assigned', 'satisfaction_recorded', 'appeal_opened']);
  });

  it('Puas hati closes without an appeal, and the closing email asks nothing more', async () => {
    const c = await file();
    await move(c.number, 'selesai');
    expect(await closeForm(c, { satisfied: 'puas', rating: '4' })).toEqual({ ok: true, closed: true, reopened: false });
    const after = await row(c.id);
    expect(after).toMatchObject({ status: 'ditutup', appealOpenedAt: null });
    expect(await verdicts(c.id)).toMatchObject([{ round: 1, satisfied: true, rating: 4, channel: 'form' }]);
    expect(await linkTokens(c)).toEqual([]);
    expect((await mail(c.number)).filter((e) => e.subject.includes('Rayuan'))).toEqual([]);
  }, MAIL_TEST_MS);

  it("a complainant's own closing of unresolved work records Tidak puas hati without an appeal", async () => {
    const c = await file();
    await move(c.number, 'dalam_tindakan');
    expect(await closeForm(c, { satisfied: 'tidak_puas', rating: '2' })).toEqual({ ok: true, closed: true, reopened: false, noAppeal: 'not_appealable' });
    expect(await row(c.id)).toMatchObject({ status: 'ditutup', appealOpenedAt: null });
  });

  it('refuses bad input (no choice, rating 0 or 6) with nothing written', async () => {
    const c = await file();
    await move(c.number, 'selesai');
    const before = await dataKinds(c.id);
    expect(await closeForm(c, { rating: '3' })).toEqual({ ok: false, reason: 'invalid', fieldErrors: { satisfied: 'choice_required' } });
    expect(await closeForm(c, { satisfied: 'tidak_puas', rating: '0' })).toEqual({ ok: false, reason: 'invalid', fieldErrors: { rating: 'rating_range' } });
    expect(await closeForm(c, { satisfied: 'puas', rating: '6' })).toEqual({ ok: false, reason: 'invalid', fieldErrors: { rating: 'rating_range' } });
    expect(await closeForm(c, { satisfied: 'ya' })).toEqual({ ok: false, reason: 'invalid', fieldErrors: { satisfied: 'choice_required', rating: 'rating_required' } });

    await move(c.number, 'ditutup');
    const token = signSatisfactionLink(c.number, 1);
    expect(await viaLink(c.number, token, { satisfied: 'tidak_puas', rating: '6' })).toEqual({ ok: false, reason: 'invalid', fieldErrors: { rating: 'rating_range' } });
    expect(await viaLink(c.number, token, { rating: '2', comment: 'x'.repeat(2001) })).toEqual({
      ok: false,
      reason: 'invalid',
      fieldErrors: { satisfied: 'choice_required', comment: 'comment_long' },
    });

    expect(await verdicts(c.id)).toEqual([]);
    expect(await dataKinds(c.id)).toEqual(before);
    expect(await row(c.id)).toMatchObject({ status: 'ditutup', appealOpenedAt: null });
    const [stillOpen] = await getDb().select({ n: complaintSatisfaction.id }).from(complaintSatisfaction).where(and(eq(complaintSatisfaction.complaintId, c.id)));
    expect(stillOpen).toBeUndefined();
  });
});
