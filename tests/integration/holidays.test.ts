import { randomUUID } from 'node:crypto';
import { and, between, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfMalaysiaDay, malaysiaDay, startOfNextMalaysiaDay } from '@/lib/calendar/days';
import {
  addHoliday, confirmHoliday, confirmYear, deleteHoliday, editHoliday, HolidayInputError, importHolidays, listHolidays, previewHolidayImport, seedHolidays,
} from '@/lib/calendar/holidays';
import { holidaySeed } from '@/lib/calendar/holiday-seed';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { isWorkingDay, workingDayMinutes, workingMinutesBetween } from '@/lib/calendar/working';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, complaints, holidays } from '@/lib/db/schema';
import { QUEUE_SLA_RECOMPUTE } from '@/lib/jobs/boss';
import { startWorker } from '@/lib/jobs/worker';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { waitFor } from '../support/inspect';
import { ipSequence } from '../support/outbox';

// Holidays are one calendar for everybody: these tests use years far from any other test's
// complaints (2091-2098) and delete what they wrote.

const db = getDb();
const actor = { userId: randomUUID(), ip: '10.201.0.1' };
const nextIp = ipSequence('10.201');

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(HolidayInputError);
  return e as HolidayInputError;
};
const auditOf = (action: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorId, actor.userId)));
const wipe = (year: number) => db.delete(holidays).where(between(holidays.day, `${year}-01-01`, `${year}-12-31`));
/** A recompute job waiting, or one queued since `since` (the queue keeps one waiting at most). */
const recomputeQueuedSince = async (since: Date) =>
  Number(
    (
      await db.execute<{ n: string }>(
        sql`select count(*) as n from pgboss.job where name = ${QUEUE_SLA_RECOMPUTE} and (state < 'completed' or created_on >= ${since.toISOString()}::timestamptz)`,
      )
    )[0].n,
  ) > 0;
const dbNow = async () => new Date((await db.execute<{ now: string }>(sql`select now()::text as now`))[0].now);
const recomputeJobs = () =>
  db.execute<{ id: string; state: string }>(sql`select id, state from pgboss.job where name = ${QUEUE_SLA_RECOMPUTE} and state < 'completed'`);

afterAll(async () => {
  for (const y of [2091, 2092, 2093, 2098]) await wipe(y);
});

describe('holidays: add, edit, delete, confirm', () => {
  it('adds a holiday typed dd-MM-yyyy, refuses the same day again with the holiday named, audits each change', async () => {
    const since = await dbNow();
    const added = await addHoliday(db, actor, { day: '31-08-2091', name: '  Hari   Kebangsaan ' });
    expect(added).toMatchObject({ day: '2091-08-31', name: 'Hari Kebangsaan', confirmed: true, source: null });
    expect(await recomputeQueuedSince(since)).toBe(true);

    const taken = await refusal(addHoliday(db, actor, { day: '2091-08-31', name: 'Cuti lain' }));
    expect(taken.fieldErrors).toEqual({ day: 'day_taken' });
    expect(taken.params).toEqual({ name: 'Hari Kebangsaan' });

    const bad = await refusal(addHoliday(db, actor, { day: '31-02-2091', name: '' }));
    expect(bad.fieldErrors).toEqual({ day: 'day_invalid', name: 'name_required' });
    expect(await listHolidays(db, 2091)).toHaveLength(1);

    const other = await addHoliday(db, actor, { day: '16-09-2091', name: 'Hari Malaysia' });
    expect((await refusal(editHoliday(db, actor, other.id, { day: '31-08-2091', name: 'Hari Malaysia' }))).fieldErrors).toEqual({ day: 'day_taken' });
    const edited = await editHoliday(db, actor, other.id, { day: '17-09-2091', name: 'Hari Malaysia (ganti)' });
    expect(edited).toMatchObject({ day: '2091-09-17', name: 'Hari Malaysia (ganti)' });
    await deleteHoliday(db, actor, added.id);
    expect((await refusal(deleteHoliday(db, actor, added.id))).fieldErrors).toEqual({ form: 'holiday_missing' });
    expect((await listHolidays(db, 2091)).map((h) => h.day)).toEqual(['2091-09-17']);

    expect((await auditOf('holiday.added')).map((a) => a.detail)).toEqual([
      { day: '2091-08-31', name: 'Hari Kebangsaan' },
      { day: '2091-09-16', name: 'Hari Malaysia' },
    ]);
    expect((await auditOf('holiday.edited'))[0].detail).toEqual({ from: { day: '2091-09-16', name: 'Hari Malaysia' }, to: { day: '2091-09-17', name: 'Hari Malaysia (ganti)' } });
    expect((await auditOf('holiday.deleted'))[0]).toMatchObject({ targetType: 'holiday', targetId: '2091-08-31' });
  });

  it('confirms one seeded holiday, then the rest of its year at once', async () => {
    const seeded = [
      { day: '2092-02-06', name: 'Tahun Baru Cina', source: 'Ujian' },
      { day: '2092-02-07', name: 'Tahun Baru Cina (Hari Kedua)', source: 'Ujian' },
      { day: '2092-05-01', name: 'Hari Pekerja', source: 'Ujian' },
    ];
    expect(await seedHolidays(db, seeded)).toEqual([2092]);
    const [first] = await listHolidays(db, 2092);
    await confirmHoliday(db, actor, first.id);
    expect(await confirmYear(db, actor, 2092)).toBe(2);
    expect(await confirmYear(db, actor, 2092)).toBe(0);
    expect((await listHolidays(db, 2092)).every((h) => h.confirmed)).toBe(true);
    expect((await auditOf('holiday.confirmed_year'))[0].detail).toEqual({ year: 2092, count: 2 });
  });
});

describe('holidays: CSV import', () => {
  const csv = [
    'tarikh,nama',
    '06-02-2093,Tahun Baru Cina', // same as recorded
    '07-02-2093,Tahun Baru Cina Hari Kedua', // renames 07-02
    '2093-05-01,Hari Pekerja', // new
    '31-13-2093,Bulan ketiga belas', // error: date
    '16-09-2093,', // error: name
  ].join('\n');

  it('previews each row with its status and row number, writing nothing', async () => {
    await db.insert(holidays).values([
      { day: '2093-02-06', name: 'Tahun Baru Cina' },
      { day: '2093-02-07', name: 'Tahun Baru Cina (Hari Kedua)' },
    ]);
    const before = { rows: await listHolidays(db, 2093), audit: (await auditOf('holiday.imported')).length };
    const preview = await previewHolidayImport(db, csv);
    expect(preview.counts).toEqual({ new: 1, same: 1, rename: 1, error: 2 });
    expect(preview.rows).toEqual([
      { row: 2, status: 'same', date: '2093-02-06', name: 'Tahun Baru Cina' },
      { row: 3, status: 'rename', date: '2093-02-07', name: 'Tahun Baru Cina Hari Kedua', currentName: 'Tahun Baru Cina (Hari Kedua)' },
      { row: 4, status: 'new', date: '2093-05-01', name: 'Hari Pekerja' },
      { row: 5, status: 'error', date: '31-13-2093', name: 'Bulan ketiga belas', error: 'date_invalid' },
      { row: 6, status: 'error', date: '16-09-2093', name: '', error: 'name_missing' },
    ]);
    expect(await listHolidays(db, 2093)).toEqual(before.rows);
    expect(await auditOf('holiday.imported')).toHaveLength(before.audit);
    expect((await refusal(previewHolidayImport(db, '"tidak ditutup'))).fieldErrors).toEqual({ file: 'csv_unclosed_quote' });
  });

  it('imports nothing while rows with errors are not acknowledged; then only the valid rows, in one go', async () => {
    const before = await listHolidays(db, 2093);
    const unacknowledged = await refusal(importHolidays(db, actor, csv, { fileName: 'cuti-2093.csv', skipErrors: false }));
    expect(unacknowledged.fieldErrors).toEqual({ form: 'import_skip_unconfirmed' });
    expect(unacknowledged.params).toEqual({ count: 2 });
    expect(await listHolidays(db, 2093)).toEqual(before);

    const result = await importHolidays(db, actor, csv, { fileName: 'cuti-2093.csv', skipErrors: true });
    expect(result).toEqual({ added: 1, renamed: 1, unchanged: 1, skipped: 2 });
    const after = await listHolidays(db, 2093);
    expect(after.map((h) => [h.day, h.name, h.source, h.confirmed])).toEqual([
      ['2093-02-06', 'Tahun Baru Cina', null, true],
      ['2093-02-07', 'Tahun Baru Cina Hari Kedua', 'CSV: cuti-2093.csv', true],
      ['2093-05-01', 'Hari Pekerja', 'CSV: cuti-2093.csv', true],
    ]);
    expect((await auditOf('holiday.imported')).at(-1)?.detail).toEqual({ added: 1, renamed: 1, unchanged: 1, skipped: 2, file: 'cuti-2093.csv' });
    // The same file again changes nothing and says so.
    expect((await refusal(importHolidays(db, actor, csv, { fileName: 'cuti-2093.csv', skipErrors: true }))).fieldErrors).toEqual({ form: 'import_nothing' });
  });
});

describe('holidays: seed', () => {
  it('seeded 2026 and 2027 unconfirmed with their sources; seeding again writes nothing', async () => {
    for (const year of [2026, 2027]) {
      const rows = await listHolidays(db, year);
      expect(rows.length).toBeGreaterThanOrEqual(holidaySeed.filter((h) => h.day.startsWith(`${year}-`)).length);
      expect(rows.some((h) => h.name === 'Hari Keputeraan Sultan Kelantan' && h.source?.includes('Kelantan'))).toBe(true);
    }
    expect(holidaySeed.every((h) => h.source.length > 0)).toBe(true);
    expect(holidaySeed.filter((h) => /Raya|Nuzul|Muharram|Maulidur|Arafah/.test(h.name)).every((h) => h.source.includes('tertakluk kepada pengisytiharan'))).toBe(true);
    expect(await seedHolidays(db)).toEqual([]);
  });

  it('never overwrites a year an admin has touched, edited or confirmed', async () => {
    const data = [
      { day: '2093-06-01', name: 'Cuti Benih', source: 'Sumber ujian' },
      { day: '2093-06-02', name: 'Cuti Benih Kedua', source: 'Sumber ujian' },
    ];
    // 2093 already has the imported holidays: not seeded at all.
    expect(await seedHolidays(db, data)).toEqual([]);
    await wipe(2093);
    expect(await seedHolidays(db, data)).toEqual([2093]);
    const [first, second] = await listHolidays(db, 2093);
    expect(first).toMatchObject({ confirmed: false, source: 'Sumber ujian' });
    await editHoliday(db, actor, first.id, { day: '03-06-2093', name: 'Cuti Benih (diubah)' });
    await deleteHoliday(db, actor, second.id);
    expect(await seedHolidays(db, data)).toEqual([]);
    expect((await listHolidays(db, 2093)).map((h) => [h.day, h.name])).toEqual([['2093-06-03', 'Cuti Benih (diubah)']]);
  });
});

describe('holidays: open complaints', () => {
  let worker: PgBoss;
  beforeAll(async () => {
    worker = await startWorker();
  }, 60_000);
  afterAll(async () => {
    await worker.stop({ graceful: true, wait: true });
  }, 60_000);

  const drainRecompute = () => waitFor(async () => (await recomputeJobs()).length === 0, 60_000);

  it("a holiday added moves an open complaint's stored resolution due time once the queued job has run", async () => {
    const filed = await submitComplaint(db, { fields: validFields(), files: [], captchaToken: await solvedAltcha(), ip: nextIp() });
    if (!filed.ok) throw new Error('could not file');
    // Filed (as far as the clock knows) in 2098, where no other test keeps holidays.
    const filedAt = new Date(startOfMalaysiaDay('2098-03-02').getTime() + 9 * 3_600_000);
    await db.update(complaints).set({ createdAt: filedAt, resolutionDueAt: null }).where(eq(complaints.number, filed.number));
    const dueOf = async () => (await db.select({ due: complaints.resolutionDueAt }).from(complaints).where(eq(complaints.number, filed.number)))[0].due!;

    await addHoliday(db, actor, { day: '01-01-2098', name: 'Permulaan' }); // queues a recompute; outside the window
    await drainRecompute();
    const before = await dueOf();
    expect(before.getTime()).toBeGreaterThan(filedAt.getTime());

    // The next working day after filing becomes a holiday.
    const cal = await loadWorkingCalendar(db);
    let day = malaysiaDay(startOfNextMalaysiaDay(malaysiaDay(filedAt)));
    while (!isWorkingDay(cal, day)) day = malaysiaDay(startOfNextMalaysiaDay(day));
    await addHoliday(db, actor, { day, name: 'Cuti Peristiwa' });
    await drainRecompute();
    const after = await dueOf();
    // Exactly one working day (as counted before the change) later: the new holiday is skipped.
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    expect(workingMinutesBetween(cal, before, after)).toBe(workingDayMinutes(cal));
  }, 120_000);
});
