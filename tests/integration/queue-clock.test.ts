import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '@/lib/calendar/working';
import { malaysiaDay } from '@/lib/calendar/days';
import { changeCategory, setPriority } from '@/lib/complaints/classification';
import { eventText } from '@/lib/complaints/event-text';
import { listQueue, countByStatus, type QueueRow } from '@/lib/console/queue/query';
import { SAVED_VIEWS, type QueueFilters } from '@/lib/console/queue/filters';
import { getDb } from '@/lib/db';
import { auditLog, categories, categoryTargets, complaintEvents, complaints, holidays } from '@/lib/db/schema';
import { dueTimes, serviceClock, type ServiceClock } from '@/lib/sla/clock';
import { loadClockContext } from '@/lib/sla/context';
import { AppError } from '@/lib/errors';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';

// The queue's service clock against the calendar module. 10,000 complaints over the last 40 days
// (five statuses, four priorities, three categories with and without their own targets, paused
// ones, time paused earlier, first responses, three holidays) get due times stored as filing does;
// then, at one fixed instant, the queue's Lewat and Hampir lewat filters and every row's marks
// (SQL on the stored columns) are compared with serviceClock recomputed from each complaint's
// facts. Afterwards the holidays and targets made here are removed and the rows closed, so no
// other file sees this run's calendar or clocks.

const N = 10_000;
const DAY_S = 86_400;
const db = () => getDb();
const runId = String(randomInt(0, 1_000_000)).padStart(6, '0');
const prefix = `QC${runId}`;
// Whole milliseconds: the instant the filters and the clock are read at.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const viewer = { userId: '00000000-0000-0000-0000-000000000000' };
const cats: number[] = [];
const addedHolidays: string[] = [];
const timings: string[] = [];
let expected: Map<string, ServiceClock>;
let byCategory: Map<string, number>;

beforeAll(async () => {
  const started = performance.now();
  // Three categories of this run (inactive: never on the public form): one with tight targets,
  // one with loose ones, one on the charter.
  for (const k of [1, 2, 3]) {
    const [c] = await db()
      .insert(categories)
      .values({ slug: `qc-${runId}-${k}`, nameMs: `Jam ${runId} ${k}`, nameEn: `Clock ${runId} ${k}`, active: false })
      .returning({ id: categories.id });
    cats.push(c.id);
  }
  await db().insert(categoryTargets).values([
    { categoryId: cats[0], priority: 'tinggi', firstResponseHours: 4, resolutionDays: 5 },
    { categoryId: cats[0], priority: 'kritikal', firstResponseHours: 2, resolutionDays: 2 },
    { categoryId: cats[1], priority: 'rendah', firstResponseHours: 16, resolutionDays: 20 },
    { categoryId: cats[1], priority: 'biasa', firstResponseHours: 9, resolutionDays: 10 },
  ]);
  // Three past working days become holidays (removed afterwards): the clock skips them.
  for (const back of [4, 11, 19]) {
    const ctx = await loadClockContext(db());
    let day = malaysiaDay(new Date(now.getTime() - back * DAY_S * 1000));
    while (!isWorkingDay(ctx.cal, day)) day = malaysiaDay(new Date(Date.parse(`${day}T12:00:00Z`) - DAY_S * 1000));
    const added = await db().insert(holidays).values({ day, name: `Cuti ujian ${runId}` }).onConflictDoNothing().returning({ day: holidays.day });
    addedHolidays.push(...added.map((h) => h.day));
  }

  // The rows, in one statement. Created within the last 40 days (whole ms); paused ones paused
  // some hours after filing; every fourth has paused time from an earlier pause; every third
  // had its first response.
  const seconds = 40 * DAY_S;
  await db().execute(sql`
    with src as (
      select i,
             ${now.toISOString()}::timestamptz - ((i::bigint * 7919) % ${seconds}) * interval '1 second'
               - ((i * 37) % 1000) * interval '1 millisecond' as created_at,
             (array['baru','dalam_tindakan','menunggu_pengadu','selesai','ditutup']::complaint_status[])[1 + i % 5] as status
      from generate_series(1, ${N}::int) as i
    )
    insert into complaints (number, submission_key, status, priority, name, ic_encrypted, ic_hash, ic_last4, phone, email,
                            category_id, title, description, created_at, updated_at, closed_at,
                            clock_paused_at, clock_paused_minutes, first_responded_at)
    select ${prefix}::text || lpad(i::text, 9, '0'), gen_random_uuid(), status,
           (array['rendah','biasa','tinggi','kritikal']::complaint_priority[])[1 + (i * 7) % 4],
           'Pengadu Jam', 'dummy', encode(sha256(convert_to(${prefix}::text || i, 'UTF8')), 'hex'), '0000',
           '0123456789', 'jam' || i || '@example.gov.my',
           (array[${cats[0]}::int, ${cats[1]}::int, ${cats[2]}::int])[1 + (i / 5) % 3],
           'Aduan jam perkhidmatan', 'Aduan untuk ujian jam perkhidmatan.',
           created_at, created_at,
           case when status = 'ditutup' then least(${now.toISOString()}::timestamptz, created_at + ((i % 30) * interval '1 day')) end,
           case when status in ('menunggu_pengadu', 'selesai')
                then least(${now.toISOString()}::timestamptz, created_at + ((1 + i % 200) * interval '1 hour')) end,
           case when i % 4 = 0 then (i * 13) % 1500 else 0 end,
           case when i % 3 = 0 then least(${now.toISOString()}::timestamptz, created_at + ((i % 30) * interval '1 hour')) end
    from src`);

  // Due times stored as filing and resuming store them (dueTimes on the calendar, targets and
  // setting of the moment), for all rows in one UPDATE.
  const ctx = await loadClockContext(db());
  const rows = await db()
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      priority: complaints.priority,
      categoryId: complaints.categoryId,
      createdAt: complaints.createdAt,
      closedAt: complaints.closedAt,
      firstRespondedAt: complaints.firstRespondedAt,
      clockPausedAt: complaints.clockPausedAt,
      clockPausedMinutes: complaints.clockPausedMinutes,
    })
    .from(complaints)
    .where(like(complaints.number, `${prefix}%`));
  expect(rows).toHaveLength(N);
  const due = rows.map((r) => dueTimes(ctx.cal, r.createdAt, ctx.targets(r.categoryId, r.priority), r.clockPausedMinutes, ctx.nearlyPercent));
  const data = rows.map((r, i) => ({ id: r.id, f: due[i].firstResponseDueAt, w: due[i].resolutionWarnAt, r: due[i].resolutionDueAt }));
  await db().execute(sql`
    update complaints c set first_response_due_at = d.f, resolution_warn_at = d.w, resolution_due_at = d.r
    from json_to_recordset(${JSON.stringify(data)}::json) as d(id uuid, f timestamptz, w timestamptz, r timestamptz)
    where c.id = d.id`);
  await db().execute(sql`analyze complaints`);
  timings.push(`seed ${N} complaints with due times: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // What the calendar module says of each complaint at `now`, from its facts alone.
  const t0 = performance.now();
  const fresh = await loadClockContext(db());
  expected = new Map(rows.map((r) => [r.number, serviceClock(fresh.cal, r, fresh.targets(r.categoryId, r.priority), now, fresh.nearlyPercent)]));
  byCategory = new Map(rows.map((r) => [r.number, r.categoryId]));
  timings.push(`serviceClock for ${N} complaints: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(async () => {
  // This run's complaints are closed rather than deleted (deleting 10,000 rows checks the
  // unindexed parent/merge references row by row: a minute once other files' rows are there);
  // closed, in this run's inactive categories, no later file's clock or queue view sees them.
  await db().update(complaints).set({ status: 'ditutup', closedAt: sql`coalesce(${complaints.closedAt}, now())` }).where(like(complaints.number, `${prefix}%`));
  await db().delete(categoryTargets).where(inArray(categoryTargets.categoryId, cats));
  if (addedHolidays.length > 0) await db().delete(holidays).where(inArray(holidays.day, addedHolidays));
  console.info(`queue clock timings:\n  ${timings.join('\n  ')}`);
});

/** Every row of these filters, page after page (100 a page), at the fixed instant. */
async function allPages(filters: QueueFilters): Promise<QueueRow[]> {
  const out: QueueRow[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const page = await listQueue(db(), viewer, filters, { cursor, limit: 100, now });
    out.push(...page.rows);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

const sorted = (xs: Iterable<string>) => [...xs].sort();
const expectedWhere = (cat: number, pick: (c: ServiceClock) => boolean) =>
  sorted([...expected].filter(([n, c]) => byCategory.get(n) === cat && pick(c)).map(([n]) => n));

describe('the queue clock over 10,000 complaints', () => {
  it('the Lewat filter lists exactly the complaints the calendar module finds late while their clock runs', async () => {
    const t0 = performance.now();
    let total = 0;
    for (const cat of cats) {
      const late = await allPages({ categoryId: cat, clock: 'lewat', sort: 'due' });
      expect(sorted(late.map((r) => r.number))).toEqual(expectedWhere(cat, (c) => c.state === 'running' && c.late));
      expect(late.every((r) => r.late && !r.nearlyLate && r.clock === 'running')).toBe(true);
      const counts = await countByStatus(db(), viewer, { categoryId: cat, clock: 'lewat' }, now);
      expect(counts.baru + counts.dalam_tindakan).toBe(late.length);
      expect(counts.menunggu_pengadu + counts.selesai + counts.ditutup).toBe(0);
      total += late.length;
    }
    timings.push(`Lewat filter, all pages of 3 categories (${total} rows): ${(performance.now() - t0).toFixed(0)} ms`);
    // What an officer opens: the Lewat view's first page and its counts, over the whole table.
    for (const view of ['lewat', 'hampir-lewat'] as const) {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t1 = performance.now();
        await Promise.all([
          listQueue(db(), viewer, SAVED_VIEWS[view].filters, { now }),
          countByStatus(db(), viewer, { ...SAVED_VIEWS[view].filters, status: undefined }, now),
        ]);
        ms.push(performance.now() - t1);
      }
      timings.push(`${view} view first page + counts: median ${ms.sort((a, b) => a - b)[2].toFixed(1)} ms`);
    }
    // The data is varied enough to mean something: hundreds late, and late ones whose clock is
    // paused (shown as paused, not in the filter, as the brief defines Lewat).
    expect(total).toBeGreaterThan(500);
    expect([...expected.values()].filter((c) => c.state === 'paused' && c.late).length).toBeGreaterThan(50);
  });

  it('the Hampir lewat filter lists exactly the nearly late ones', async () => {
    let total = 0;
    for (const cat of cats) {
      const nearly = await allPages({ categoryId: cat, clock: 'hampir-lewat' });
      expect(sorted(nearly.map((r) => r.number))).toEqual(expectedWhere(cat, (c) => c.nearlyLate));
      expect(nearly.every((r) => r.nearlyLate && !r.late)).toBe(true);
      total += nearly.length;
    }
    expect(total).toBeGreaterThan(50);
  });

  it('every row carries the overdue mark the calendar module computes, in due-time order with no row twice', async () => {
    const t0 = performance.now();
    let seen = 0;
    for (const cat of cats) {
      const rows = await allPages({ categoryId: cat, sort: 'due' });
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      expect(sorted(rows.map((r) => r.number))).toEqual(expectedWhere(cat, () => true));
      const due = rows.map((r) => r.resolutionDueAt!.getTime());
      expect(due.every((d, i) => i === 0 || due[i - 1] <= d)).toBe(true);
      const wrong = rows.filter((r) => {
        const c = expected.get(r.number)!;
        return r.late !== (c.state === 'running' && c.late) || r.nearlyLate !== c.nearlyLate || r.clock !== c.state;
      });
      expect(wrong.map((r) => r.number)).toEqual([]);
      // The stored due time is the one the clock computes from the facts.
      expect(rows.filter((r) => r.resolutionDueAt!.getTime() !== expected.get(r.number)!.due.resolutionDueAt.getTime())).toEqual([]);
      seen += rows.length;
    }
    expect(seen).toBe(N);
    timings.push(`due sort, all pages of every row (${seen}): ${(performance.now() - t0).toFixed(0)} ms`);
  });

  it('filters by priority', async () => {
    const rows = await allPages({ categoryId: cats[0], priority: 'kritikal' });
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.priority === 'kritikal')).toBe(true);
    const [{ n }] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from complaints where category_id = ${cats[0]} and priority = 'kritikal'`,
    );
    expect(rows.length).toBe(Number(n));
  });
});

describe('priority and category changes', () => {
  it('move the due times, write internal events with data and an audit row, and read in both languages', async () => {
    const officer = await newOfficer();
    const filed = await fileComplaint();
    const [before] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
    // A target for this complaint's category at kritikal (removed with the rest afterwards).
    await db().insert(categoryTargets).values({ categoryId: before.categoryId, priority: 'kritikal', firstResponseHours: 2, resolutionDays: 1 });
    try {
      const r = await setPriority(db(), { userId: officer.id, number: filed.number, priority: 'kritikal', ip: '10.202.1.1' });
      expect(r.changed).toBe(true);
      const [after] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
      const ctx = await loadClockContext(db());
      const want = dueTimes(ctx.cal, after.createdAt, { firstResponseMinutes: 120, resolutionDays: 1 }, after.clockPausedMinutes, ctx.nearlyPercent);
      expect(after.priority).toBe('kritikal');
      expect(after.firstResponseDueAt).toEqual(want.firstResponseDueAt);
      expect(after.resolutionDueAt).toEqual(want.resolutionDueAt);
      expect(after.resolutionDueAt!.getTime()).toBeLessThan(before.resolutionDueAt!.getTime());
      // The same priority again changes nothing.
      expect(await setPriority(db(), { userId: officer.id, number: filed.number, priority: 'kritikal' })).toEqual({ changed: false, eventId: null });

      // Another category: its targets (the charter for kritikal there) move the due times back.
      const [other] = await db()
        .insert(categories)
        .values({ slug: `qc-${runId}-x`, nameMs: `Modul Jam ${runId}`, nameEn: `Clock Module ${runId}` })
        .returning({ id: categories.id });
      cats.push(other.id);
      const moved = await changeCategory(db(), { userId: officer.id, number: filed.number, categoryId: other.id, ip: '10.202.1.1' });
      expect(moved.changed).toBe(true);
      const [third] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
      expect(third.categoryId).toBe(other.id);
      expect(third.resolutionDueAt).toEqual(before.resolutionDueAt);
      await db().update(categories).set({ active: false }).where(eq(categories.id, other.id));

      const events = await db()
        .select()
        .from(complaintEvents)
        .where(and(eq(complaintEvents.complaintId, filed.id), eq(complaintEvents.type, 'internal_note')))
        .orderBy(asc(complaintEvents.id));
      const [fromCat] = await db().select().from(categories).where(eq(categories.id, before.categoryId));
      expect(events.map((e) => [e.data, e.internal, e.body, e.authorUserId])).toEqual([
        [{ kind: 'priority_changed', from: 'biasa', to: 'kritikal' }, true, null, officer.id],
        [
          {
            kind: 'category_changed',
            fromId: before.categoryId,
            toId: other.id,
            from: { ms: fromCat.nameMs, en: fromCat.nameEn },
            to: { ms: `Modul Jam ${runId}`, en: `Clock Module ${runId}` },
          },
          true,
          null,
          officer.id,
        ],
      ]);
      expect(events.map((e) => eventText(e, 'ms').summary)).toEqual([
        'Keutamaan ditukar: Biasa → Kritikal',
        `Kategori ditukar: ${fromCat.nameMs} → Modul Jam ${runId}`,
      ]);
      expect(eventText(events[1], 'en').summary).toBe(`Category changed: ${fromCat.nameEn} → Clock Module ${runId}`);
      const audits = await db()
        .select({ action: auditLog.action, detail: auditLog.detail })
        .from(auditLog)
        .where(and(eq(auditLog.targetId, filed.number), inArray(auditLog.action, ['complaint.priority', 'complaint.category'])))
        .orderBy(asc(auditLog.id));
      expect(audits).toEqual([
        { action: 'complaint.priority', detail: { from: 'biasa', to: 'kritikal' } },
        { action: 'complaint.category', detail: { from: before.categoryId, to: other.id } },
      ]);
    } finally {
      await db().delete(categoryTargets).where(and(eq(categoryTargets.categoryId, before.categoryId), eq(categoryTargets.priority, 'kritikal')));
    }
  });

  it('refuse an inactive category and a closed complaint, writing nothing', async () => {
    const officer = await newOfficer();
    const filed = await fileComplaint();
    await expect(changeCategory(db(), { userId: officer.id, number: filed.number, categoryId: cats[0] })).rejects.toMatchObject({ code: 'category_invalid' });
    await db().update(complaints).set({ status: 'ditutup', closedAt: new Date() }).where(eq(complaints.id, filed.id));
    const refused = await setPriority(db(), { userId: officer.id, number: filed.number, priority: 'tinggi' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'complaint_closed', status: 409 });
    const [row] = await db().select({ priority: complaints.priority }).from(complaints).where(eq(complaints.id, filed.id));
    expect(row.priority).toBe('biasa');
    const events = await db().select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, filed.id), eq(complaintEvents.type, 'internal_note')));
    expect(events).toEqual([]);
  });
});
