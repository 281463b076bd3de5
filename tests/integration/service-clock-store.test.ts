import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { addWorkingMinutes } from '@/lib/calendar/working';
import { submitFeedback } from '@/lib/complaints/feedback';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { lockComplaint, moveStatus, SYSTEM_ACTOR as system } from '@/lib/complaints/transitions';
import { getDb } from '@/lib/db';
import { complaintColumns, complaints } from '@/lib/db/schema';
import { dueTimes } from '@/lib/sla/clock';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { targetsFor } from '@/lib/sla/targets';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { ipSequence } from '../support/outbox';

// The service clock as stored on the complaint: due times set at filing, the first public reply
// recorded once, and the pause while the complaint waits for the complainant added to the due
// times on resuming, by exactly the working time it lasted. The public page reads the same clock.

const ip = ipSequence('10.205');
const row = async (number: string) => (await getDb().select(complaintColumns).from(complaints).where(eq(complaints.number, number)))[0];

async function expected(c: Awaited<ReturnType<typeof row>>, pausedMinutes: number) {
  const db = getDb();
  const cal = await loadWorkingCalendar(db);
  const targets = await targetsFor(db, cal, c.categoryId, c.priority);
  return dueTimes(cal, c.createdAt, targets, pausedMinutes, (await getServiceLevelSettings(db)).nearlyPercent);
}

describe('the stored service clock', () => {
  it('is set when a complaint is filed: first response, nearly late and resolution, on the working calendar', async () => {
    const filed = await fileComplaint();
    const c = await row(filed.number);
    expect(c.priority).toBe('biasa');
    expect({ firstResponseDueAt: c.firstResponseDueAt, resolutionWarnAt: c.resolutionWarnAt, resolutionDueAt: c.resolutionDueAt }).toEqual(
      await expected(c, 0),
    );
    expect(c.resolutionDueAt!.getTime()).toBeGreaterThan(c.resolutionWarnAt!.getTime());
    expect(c.firstRespondedAt).toBeNull();
  });

  it('records the first public reply once; later replies leave it', async () => {
    const filed = await fileComplaint();
    const officer = await newOfficer();
    await addPublicReply(getDb(), { userId: officer.id, number: filed.number, body: 'Kami sedang menyemak.' });
    const first = (await row(filed.number)).firstRespondedAt;
    expect(first).toBeInstanceOf(Date);
    const c = await row(filed.number);
    await addPublicReply(getDb(), { userId: officer.id, number: filed.number, body: 'Maklumat tambahan.' });
    expect((await row(filed.number)).firstRespondedAt).toEqual(first);
    expect(c.status).toBe('dalam_tindakan');
  });

  it('pauses while waiting for the complainant and moves the due times by the paused working time on resuming', async () => {
    const filed = await fileComplaint();
    const db = getDb();
    const before = await row(filed.number);
    const cal = await loadWorkingCalendar(db);
    const pausedAt = addWorkingMinutes(cal, before.createdAt, 60);
    const resumedAt = addWorkingMinutes(cal, pausedAt, 150);
    await db.transaction(async (tx) => moveStatus(tx, await lockComplaint(tx, filed.number), 'menunggu_pengadu', system, undefined, undefined, pausedAt));
    const paused = await row(filed.number);
    expect(paused.clockPausedAt).toEqual(pausedAt);
    expect(paused.resolutionDueAt).toEqual(before.resolutionDueAt);

    // The complainant's page says the clock waits for them, and stands still however long they take.
    const later = addWorkingMinutes(cal, pausedAt, 10 * 540);
    const view = await getPublicComplaint(db, filed.number, later);
    expect(view!.clock).toEqual({ state: 'waiting', workingDay: 1, targetDays: 15, late: false });

    await db.transaction(async (tx) => moveStatus(tx, await lockComplaint(tx, filed.number), 'dalam_tindakan', system, undefined, undefined, resumedAt));
    const resumed = await row(filed.number);
    expect(resumed.clockPausedAt).toBeNull();
    expect(resumed.clockPausedMinutes).toBe(150);
    const due = await expected(resumed, 150);
    expect(resumed.resolutionDueAt).toEqual(due.resolutionDueAt);
    expect(resumed.resolutionDueAt).toEqual(addWorkingMinutes(cal, before.resolutionDueAt!, 150));
    expect(resumed.firstResponseDueAt).toEqual(due.firstResponseDueAt);
  });

  it('complainant feedback ends the pause that an officer reply started', async () => {
    const filed = await fileComplaint();
    const officer = await newOfficer();
    await addPublicReply(getDb(), { userId: officer.id, number: filed.number, body: 'Sila hantar tangkap layar.', status: 'menunggu_pengadu' });
    expect((await row(filed.number)).clockPausedAt).toBeInstanceOf(Date);
    const r = await submitFeedback(getDb(), {
      number: filed.number,
      fields: { icUser: filed.ic, name: validFields().name, message: 'Tangkap layar dilampirkan.' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(r).toMatchObject({ ok: true });
    const c = await row(filed.number);
    expect(c.status).toBe('dalam_tindakan');
    expect(c.clockPausedAt).toBeNull();
    expect(c.resolutionDueAt).toEqual((await expected(c, c.clockPausedMinutes)).resolutionDueAt);
  });

  it('the public clock counts working days and says when the charter period has passed', async () => {
    const filed = await fileComplaint();
    const db = getDb();
    const c = await row(filed.number);
    const cal = await loadWorkingCalendar(db);
    const sixthDay = addWorkingMinutes(cal, c.createdAt, 5 * 540 + 30);
    expect((await getPublicComplaint(db, filed.number, sixthDay))!.clock).toEqual({ state: 'running', workingDay: 6, targetDays: 15, late: false });
    const afterDue = new Date(c.resolutionDueAt!.getTime() + 60_000);
    expect((await getPublicComplaint(db, filed.number, afterDue))!.clock).toMatchObject({ state: 'running', targetDays: 15, late: true });
  });
});
