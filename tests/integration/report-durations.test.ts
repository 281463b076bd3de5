import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { workingMinutesBetween } from '@/lib/calendar/working';
import { takeComplaint } from '@/lib/complaints/assignment';
import { signSatisfactionLink } from '@/lib/complaints/access';
import { addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { submitSatisfactionLink } from '@/lib/complaints/satisfaction';
import { getDb } from '@/lib/db';
import { complaints, holidays } from '@/lib/db/schema';
import { anonymiseComplaint } from '@/lib/privacy/retention';
import { reportContext } from '@/lib/reports/context';
import { fillStoredDurations } from '@/lib/reports/fill-durations';
import { calendarFingerprint, storedDurationsFingerprint } from '@/lib/reports/stored-durations';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { ipSequence, withOutboxWorker } from '../support/outbox';

// The reports' stored working minutes (lib/reports/stored-durations.ts) stay true on every path
// that changes what they are computed from: the first public reply, resolving, reopening,
// closing, the appeal and anonymising; a change behind the paths' back clears them (the trigger);
// and a calendar change stops the reports from reading them until they are computed again.

withOutboxWorker();

const db = () => getDb();
const ip = ipSequence('10.233');
const D = 86_400_000;
let officer: Awaited<ReturnType<typeof newOfficer>>;
const made: string[] = [];
// Each test files a complaint through the public service and walks it through several paths.
const PATH_TEST_MS = 120_000;

beforeAll(async () => {
  officer = await newOfficer();
});

afterAll(async () => {
  // No other file's queue should meet this file's complaints.
  for (const id of made) await db().update(complaints).set({ status: 'ditutup', closedAt: sql`coalesce(${complaints.closedAt}, now())` }).where(eq(complaints.id, id));
});

const row = async (id: string) => (await db().select().from(complaints).where(eq(complaints.id, id)))[0];

/** What lib/calendar says of the complaint as it stands (serviceClock's usedMinutes at resolution). */
async function expected(id: string) {
  const c = await row(id);
  const cal = await loadWorkingCalendar(db());
  const resolvedAt =
    c.status === 'ditutup' ? new Date(Math.min(c.closedAt!.getTime(), (c.clockPausedAt ?? c.closedAt!).getTime())) : c.status === 'selesai' ? c.clockPausedAt : null;
  return {
    firstResponseMinutes: c.firstRespondedAt ? workingMinutesBetween(cal, c.createdAt, c.firstRespondedAt) : null,
    resolutionMinutes: resolvedAt ? Math.max(0, workingMinutesBetween(cal, c.createdAt, resolvedAt) - c.clockPausedMinutes) : null,
  };
}
const stored = async (id: string) => {
  const c = await row(id);
  return { firstResponseMinutes: c.firstResponseMinutes, resolutionMinutes: c.resolutionMinutes };
};

/** A complaint filed through the public service, dated back 9 days (so the minutes are many), taken. */
async function filed() {
  const c = await fileComplaint();
  made.push(c.id);
  await db().update(complaints).set({ createdAt: sql`${complaints.createdAt} - interval '9 days'` }).where(eq(complaints.id, c.id));
  await takeComplaint(db(), { userId: officer.id, number: c.number });
  return c;
}

describe('stored working minutes on every path', () => {
  it('reply, resolve, reopen, close, appeal, close again, anonymise: always what lib/calendar says', async () => {
    const c = await filed();
    expect(await stored(c.id)).toEqual({ firstResponseMinutes: null, resolutionMinutes: null });

    await addPublicReply(db(), { userId: officer.id, number: c.number, body: 'Kami sedang menyemak.' });
    const afterReply = await expected(c.id);
    expect(afterReply.firstResponseMinutes).toBeGreaterThan(0);
    expect(await stored(c.id)).toEqual(afterReply);

    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'selesai' });
    expect((await expected(c.id)).resolutionMinutes).not.toBeNull();
    expect(await stored(c.id)).toEqual(await expected(c.id));

    // Reopened: no resolution any more; the first response stays.
    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'dalam_tindakan' });
    expect(await stored(c.id)).toEqual({ firstResponseMinutes: afterReply.firstResponseMinutes, resolutionMinutes: null });

    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'selesai' });
    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'ditutup', reason: 'Selesai diambil tindakan.' });
    expect((await row(c.id)).status).toBe('ditutup');
    expect(await stored(c.id)).toEqual(await expected(c.id));

    // The appeal: back to dalam tindakan, its clock restarted (nothing paused): no resolution.
    const r = await submitSatisfactionLink(db(), { number: c.number, token: signSatisfactionLink(c.number, 1), fields: { satisfied: 'tidak_puas', rating: '1' }, ip: ip() });
    expect(r).toMatchObject({ ok: true, satisfied: false });
    expect((await row(c.id)).appealOpenedAt).toBeInstanceOf(Date);
    expect(await stored(c.id)).toEqual({ firstResponseMinutes: afterReply.firstResponseMinutes, resolutionMinutes: null });

    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'ditutup', reason: 'Rayuan diselesaikan.' });
    const closed = await expected(c.id);
    expect(await stored(c.id)).toEqual(closed);

    // Anonymising removes personal data only: the figures stay, and stay right.
    expect(await anonymiseComplaint(db(), c.id, { retentionMonths: 1 })).not.toBeNull();
    expect((await row(c.id)).anonymisedAt).toBeInstanceOf(Date);
    expect(await stored(c.id)).toEqual(closed);
  }, PATH_TEST_MS);

  it('a change made behind the paths clears the figure it touches (missing, never wrong)', async () => {
    const c = await filed();
    await addPublicReply(db(), { userId: officer.id, number: c.number, body: 'Jawapan.', status: 'selesai' });
    const before = await stored(c.id);
    expect(before.firstResponseMinutes).not.toBeNull();
    expect(before.resolutionMinutes).not.toBeNull();

    await db().update(complaints).set({ title: 'Tajuk baharu' }).where(eq(complaints.id, c.id));
    expect(await stored(c.id)).toEqual(before);
    await db().update(complaints).set({ clockPausedAt: sql`${complaints.clockPausedAt} - interval '1 day'` }).where(eq(complaints.id, c.id));
    expect(await stored(c.id)).toEqual({ firstResponseMinutes: before.firstResponseMinutes, resolutionMinutes: null });
    await db().update(complaints).set({ firstRespondedAt: sql`${complaints.firstRespondedAt} - interval '1 hour'` }).where(eq(complaints.id, c.id));
    expect(await stored(c.id)).toEqual({ firstResponseMinutes: null, resolutionMinutes: null });

    // The filling job computes them again, as lib/calendar does.
    await fillStoredDurations(db());
    expect(await stored(c.id)).toEqual(await expected(c.id));
  }, PATH_TEST_MS);

  it('a calendar change stops the reports reading the stored figures until they are computed again', async () => {
    const c = await filed();
    await addPublicReply(db(), { userId: officer.id, number: c.number, body: 'Jawapan.', status: 'selesai' });
    await fillStoredDurations(db());
    const filters = { from: new Date(Date.now() - 12 * D).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
    const cal = await loadWorkingCalendar(db());
    expect(await storedDurationsFingerprint(db())).toBe(calendarFingerprint(cal));

    // A holiday declared on a working day inside the complaint's life (and removed afterwards).
    const created = (await row(c.id)).createdAt;
    let day = '';
    for (let k = 1; k < 8 && !day; k++) {
      const d = new Date(created.getTime() + k * D + 8 * 3_600_000).toISOString().slice(0, 10);
      const before = workingMinutesBetween(cal, created, new Date(created.getTime() + 10 * D));
      const withIt = workingMinutesBetween({ ...cal, holidays: new Set([...cal.holidays, d]) }, created, new Date(created.getTime() + 10 * D));
      if (!cal.holidays.has(d) && withIt < before) day = d;
    }
    expect(day).not.toBe('');
    const [h] = await db().insert(holidays).values({ day, name: 'Cuti ujian laporan' }).returning({ id: holidays.id });
    try {
      const ctx = await reportContext(db(), filters);
      expect(ctx.stored).toBe(false);
      const old = await stored(c.id);
      await fillStoredDurations(db());
      const now = await stored(c.id);
      expect(now).toEqual(await expected(c.id));
      expect(now.firstResponseMinutes! + now.resolutionMinutes!).toBeLessThan(old.firstResponseMinutes! + old.resolutionMinutes!);
    } finally {
      await db().delete(holidays).where(eq(holidays.id, h.id));
    }
    expect((await reportContext(db(), filters)).stored).toBe(false);
    await fillStoredDurations(db());
    expect(await stored(c.id)).toEqual(await expected(c.id));
  }, PATH_TEST_MS);
});
