import { randomInt, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '@/lib/auth/permissions';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { workingMinutesBetween, type WorkingCalendar } from '@/lib/calendar/working';
import { splitRecords } from '@/lib/csv/read';
import { getDb } from '@/lib/db';
import { auditLog, categories, complaintEvents, complaints, complaintSatisfaction, kbArticles, kbDeflections, ptj, type ComplaintStatus } from '@/lib/db/schema';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { getEnv } from '@/lib/env';
import { buildReport, type Report } from '@/lib/reports';
import { reportContext } from '@/lib/reports/context';
import { exportReport } from '@/lib/reports/export';
import { fillStoredDurations } from '@/lib/reports/fill-durations';
import { parseReportParams, type ReportFilters } from '@/lib/reports/filters';
import { complaintList } from '@/lib/reports/list';
import { reportTables } from '@/lib/reports/tables';
import { dueTimes, serviceClock } from '@/lib/sla/clock';
import { charterTargets } from '@/lib/sla/targets';
import { createStaffUser } from '@/lib/staff/users';
import { firstWorkingDay, runMonthlyPack } from '@/lib/reports/monthly-pack';
import { computePublicStatistics, getPublicStatistics } from '@/lib/reports/public-stats';
import { fakeResend } from '../support/inspect';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

// Reports on a FIXED data set in this file's own category and PTJ: complaints and events inserted
// directly with chosen instants (March 2026, Malaysia time, across Kelantan's weekend and the
// month's holidays), read at a fixed instant. Every figure of lib/reports is compared with a plain
// SQL (or, for working time, lib/calendar) computation written here; the exports are read back.

withOutboxWorker();

const db = () => getDb();
const run = String(randomInt(0, 1_000_000)).padStart(6, '0');
const NOW = new Date('2026-05-04T02:00:00Z'); // Monday 10:00 in Kuala Lumpur
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const TZ = 'Asia/Kuala_Lumpur';
const STATUSES: ComplaintStatus[] = ['baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup', 'ditutup'];
const PAYLOADS = ['=HYPERLINK("http://evil.example","klik")', '+SUM(A1:A9)', '-2+3', '@cmd|calc', '\tTAB=1'];

let categoryId: number;
let ptjId: number;
let officerA: { id: string; name: string };
let officerB: { id: string; name: string };
let cal: WorkingCalendar;
let report: Report;
const ids: string[] = [];
type Seeded = { id: string; number: string; status: ComplaintStatus; created: Date; firstAt: Date | null; pausedAt: Date | null; pausedMinutes: number; closedAt: Date | null; title: string };
const seeded: Seeded[] = [];
const filters = (): ReportFilters => ({ from: '2026-03-01', to: '2026-03-31', categoryId });

async function insertComplaint(i: number, created: Date, status: ComplaintStatus, assignedTo: string | null) {
  const keys = piiKeys(getEnv().PII_KEY);
  const ic = `90010103${String(1000 + i).slice(-4)}`;
  const firstAt = status === 'baru' || i % 4 === 0 ? null : new Date(created.getTime() + (i % 5) * 3 * H + 20 * MIN);
  let pausedAt: Date | null = null;
  let closedAt: Date | null = null;
  if (status === 'menunggu_pengadu') pausedAt = new Date(created.getTime() + 2 * D);
  if (status === 'selesai') pausedAt = new Date(created.getTime() + ((i % 7) + 1) * D);
  if (status === 'ditutup') {
    if (i % 2) {
      pausedAt = new Date(created.getTime() + ((i % 9) + 1) * 1.5 * D);
      closedAt = new Date(pausedAt.getTime() + 3 * D);
    } else closedAt = new Date(created.getTime() + ((i % 11) + 1) * D + 5 * H);
  }
  const pausedMinutes = i % 3 === 0 ? 300 : 0;
  const due = dueTimes(cal, created, charterTargets(cal), pausedMinutes, 80);
  const title = i >= 5 && i < 5 + PAYLOADS.length ? PAYLOADS[i - 5] : `Aduan laporan ${run} ${i}`;
  const number = `RPT${run}-${i}`;
  const [row] = await db()
    .insert(complaints)
    .values({
      number,
      submissionKey: randomUUID(),
      status,
      name: `Pengadu Laporan ${i}`,
      icEncrypted: encryptPii(ic, keys.enc),
      icHash: hashPii(ic, keys.mac),
      icLast4: ic.slice(-4),
      ptjId: i % 2 === 0 ? ptjId : null,
      ptjOther: i % 2 === 0 ? null : 'Pejabat lain',
      phone: '+60139876543',
      email: `laporan-${run}-${i}@example.gov.my`,
      categoryId,
      title,
      description: 'Data laporan tetap.',
      assignedTo,
      priority: (['rendah', 'biasa', 'tinggi', 'kritikal'] as const)[i % 4],
      firstResponseDueAt: due.firstResponseDueAt,
      resolutionWarnAt: due.resolutionWarnAt,
      resolutionDueAt: due.resolutionDueAt,
      firstRespondedAt: firstAt,
      clockPausedAt: pausedAt,
      clockPausedMinutes: pausedMinutes,
      createdAt: created,
      updatedAt: created,
      closedAt,
    })
    .returning({ id: complaints.id });
  ids.push(row.id);
  seeded.push({ id: row.id, number, status, created, firstAt, pausedAt, pausedMinutes, closedAt, title });
  const author = assignedTo ?? officerA.id;
  const authorName = author === officerA.id ? officerA.name : officerB.name;
  const events: (typeof complaintEvents.$inferInsert)[] = [];
  if (firstAt) events.push({ complaintId: row.id, type: 'public_reply', body: 'Jawapan.', authorType: 'staff', authorUserId: author, authorName, createdAt: firstAt });
  if (closedAt) events.push({ complaintId: row.id, type: 'closed', fromStatus: 'selesai', toStatus: 'ditutup', body: 'Selesai.', authorType: 'staff', authorUserId: author, authorName, createdAt: closedAt });
  if (i === 3) {
    events.push({ complaintId: row.id, type: 'public_reply', data: { kind: 'reminder_sent', days: 5 }, authorType: 'system', authorName: 'Helpdesk iSPEKS', createdAt: new Date(created.getTime() + 3 * D) });
    events.push({ complaintId: row.id, type: 'reopened', fromStatus: 'selesai', toStatus: 'dalam_tindakan', authorType: 'complainant', authorName: 'Pengadu', createdAt: new Date(created.getTime() + 4 * D) });
  }
  if (events.length) await db().insert(complaintEvents).values(events);
}

beforeAll(async () => {
  cal = await loadWorkingCalendar(db());
  const [cat] = await db().insert(categories).values({ slug: `laporan-${run}`, nameMs: `Laporan ${run}`, nameEn: `Report ${run}`, sortOrder: 900 }).returning({ id: categories.id });
  categoryId = cat.id;
  const [p] = await db().insert(ptj).values({ code: `RPT${run}`, name: `PTJ Laporan ${run}` }).returning({ id: ptj.id });
  ptjId = p.id;
  officerA = await createStaffUser(db(), { name: `Pegawai A ${run}`, email: `laporan-a-${run}@pkn.test`, role: 'pegawai', password: null });
  officerB = await createStaffUser(db(), { name: `Pegawai B ${run}`, email: `laporan-b-${run}@pkn.test`, role: 'pegawai', password: null });
  const start = Date.parse('2026-02-28T16:00:00Z'); // 1 March 00:00 in Kuala Lumpur
  for (let i = 0; i < 40; i++) {
    const created = new Date(start + i * (16 * H + 37 * MIN) + (i % 3) * 11 * MIN);
    await insertComplaint(i, created, STATUSES[i % STATUSES.length], i % 3 === 0 ? officerA.id : i % 3 === 1 ? officerB.id : null);
  }
  // Outside the range: the last minute of February and the first of April (Malaysia time).
  await insertComplaint(40, new Date('2026-02-28T15:59:00Z'), 'ditutup', officerA.id);
  await insertComplaint(41, new Date('2026-03-31T16:00:00Z'), 'baru', officerA.id);
  const [article] = await db()
    .insert(kbArticles)
    .values({ slug: `laporan-${run}`, status: 'published', categoryId, createdBy: officerA.id, title: 'Soalan', problem: 'Masalah', solution: 'Jalan' })
    .returning({ id: kbArticles.id });
  const at = (iso: string) => new Date(iso);
  await db().insert(kbDeflections).values([
    { articleId: article.id, source: 'form', at: at('2026-03-02T01:00:00Z') },
    { articleId: article.id, source: 'form', at: at('2026-03-15T09:00:00Z') },
    { articleId: article.id, source: 'faq', at: at('2026-03-31T15:59:00Z') },
    { articleId: article.id, source: 'faq', at: at('2026-03-31T16:00:00Z') },
  ]);
  // Verdicts on the resolved and closed ones (one given just after the range ends), and appeals
  // opened on some of them (one in April): counted by when each was given or opened.
  const done = seeded.filter((x) => x.status === 'selesai' || x.status === 'ditutup');
  await db().insert(complaintSatisfaction).values(
    done.slice(0, 12).map((x, k) => ({
      complaintId: x.id,
      satisfied: k % 3 !== 0,
      rating: (k % 5) + 1,
      channel: k % 2 ? ('email' as const) : ('form' as const),
      createdAt: k === 11 ? at('2026-03-31T16:00:00Z') : new Date(Date.parse('2026-03-05T02:00:00Z') + k * D),
    })),
  );
  for (const [k, x] of done.slice(0, 5).entries()) {
    await db().update(complaints).set({ appealOpenedAt: k === 4 ? at('2026-04-02T02:00:00Z') : new Date(Date.parse('2026-03-10T02:00:00Z') + k * D) }).where(eq(complaints.id, x.id));
  }
  report = await buildReport(db(), filters(), NOW);
}, 120_000);

afterAll(async () => {
  // No other file's queue or schedules should meet this file's open complaints.
  await db()
    .update(complaints)
    .set({ status: 'ditutup', closedAt: sql`coalesce(${complaints.closedAt}, now())` })
    .where(and(inArray(complaints.id, ids), sql`${complaints.status} <> 'ditutup'`));
});

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => [...(await db().execute<T>(q))];
const inRange = () =>
  sql`category_id = ${categoryId} and created_at >= '2026-03-01 00:00:00+08'::timestamptz and created_at < '2026-04-01 00:00:00+08'::timestamptz`;

/** A percentile over plain numbers, in plain SQL. */
async function percentile(values: number[], p: number): Promise<number | null> {
  const [r] = await rows<{ v: number | null }>(sql`select percentile_cont(${p}::float8) within group (order by x) as v from unnest(${`{${values.join(',')}}`}::float8[]) as x`);
  return r.v === null ? null : Number(r.v);
}

describe('report figures equal plain computations', () => {
  it('received per day, week and month, and the totals', async () => {
    const perDay = await rows<{ d: string; n: number }>(sql`
      select to_char(created_at at time zone ${TZ}, 'YYYY-MM-DD') as d, count(*)::int as n from complaints where ${inRange()} group by 1 order by 1`);
    expect(report.perDay.rows).toHaveLength(31);
    expect(report.perDay.rows.filter((r) => r.count > 0)).toEqual(perDay.map((r) => ({ start: r.d, count: r.n })));
    const perWeek = await rows<{ d: string; n: number }>(sql`
      select to_char(date_trunc('week', created_at at time zone ${TZ}), 'YYYY-MM-DD') as d, count(*)::int as n from complaints where ${inRange()} group by 1 order by 1`);
    expect(report.perWeek.rows.filter((r) => r.count > 0)).toEqual(perWeek.map((r) => ({ start: r.d, count: r.n })));
    expect(report.perMonth.rows).toEqual([{ start: '2026-03-01', count: 40 }]);
    const [t] = await rows<Record<string, number>>(sql`
      select count(*)::int as received, count(*) filter (where status <> 'ditutup')::int as open, count(*) filter (where status = 'ditutup')::int as closed
      from complaints where ${inRange()}`);
    const [c] = await rows<{ n: number }>(sql`
      select count(*)::int as n from complaints where category_id = ${categoryId}
      and closed_at >= '2026-03-01 00:00:00+08'::timestamptz and closed_at < '2026-04-01 00:00:00+08'::timestamptz`);
    expect(report.totals).toEqual({ received: t.received, open: t.open, closed: t.closed, closedInRange: c.n, reopenedInRange: 1 });
    expect(t.received).toBe(40);
  });

  it('by category, PTJ and status', async () => {
    expect(report.byCategory).toEqual([{ id: categoryId, nameMs: `Laporan ${run}`, nameEn: `Report ${run}`, count: 40 }]);
    const byPtj = await rows<{ id: number | null; n: number }>(sql`select ptj_id as id, count(*)::int as n from complaints where ${inRange()} group by 1`);
    expect(new Map(report.byPtj.map((r) => [r.id, r.count]))).toEqual(new Map(byPtj.map((r) => [r.id, r.n])));
    const byStatus = await rows<{ status: ComplaintStatus; n: number }>(sql`select status, count(*)::int as n from complaints where ${inRange()} group by 1`);
    const expected = new Map(byStatus.map((r) => [r.status, r.n]));
    for (const r of report.byStatus) expect(r.count).toBe(expected.get(r.status) ?? 0);
  });

  it('median and 90th percentile of first response and resolution, in working time', async () => {
    const inside = seeded.filter((s) => s.created >= new Date('2026-02-28T16:00:00Z') && s.created < new Date('2026-03-31T16:00:00Z'));
    const first = inside.filter((s) => s.firstAt).map((s) => workingMinutesBetween(cal, s.created, s.firstAt!));
    // The service clock's own count at resolution (lib/sla/clock.ts), the complaint's facts as stored.
    const resolution = inside
      .filter((s) => s.status === 'selesai' || s.status === 'ditutup')
      .map((s) =>
        serviceClock(cal, { status: s.status, createdAt: s.created, closedAt: s.closedAt, firstRespondedAt: s.firstAt, clockPausedAt: s.pausedAt, clockPausedMinutes: s.pausedMinutes }, charterTargets(cal), NOW, 80).usedMinutes,
      );
    expect(first.length).toBeGreaterThan(10);
    expect(report.times.firstResponse.count).toBe(first.length);
    expect(report.times.firstResponse.median).toBeCloseTo((await percentile(first, 0.5))!, 6);
    expect(report.times.firstResponse.p90).toBeCloseTo((await percentile(first, 0.9))!, 6);
    expect(report.times.resolution.count).toBe(resolution.length);
    expect(report.times.resolution.median).toBeCloseTo((await percentile(resolution, 0.5))!, 6);
    expect(report.times.resolution.p90).toBeCloseTo((await percentile(resolution, 0.9))!, 6);
    // Each complaint's durations in the list behind the report are the same numbers.
    const list = await complaintList(db(), await reportContext(db(), filters(), NOW), { pii: false });
    const listed = new Map(list.map((r) => [r.number, r]));
    for (const s of inside) {
      if (s.firstAt) expect(listed.get(s.number)!.firstMinutes).toBe(workingMinutesBetween(cal, s.created, s.firstAt));
    }
  });

  it('service-level compliance against the stored due times', async () => {
    const [r] = await rows<Record<string, number>>(sql`
      with x as (
        select *,
          case when status = 'ditutup' then least(closed_at, coalesce(clock_paused_at, closed_at)) when status = 'selesai' then clock_paused_at end as resolved_at
        from complaints where ${inRange()}
      )
      select
        count(*) filter (where first_responded_at <= first_response_due_at)::int as f_met,
        count(*) filter (where first_responded_at > first_response_due_at or (first_responded_at is null and status in ('baru', 'dalam_tindakan') and ${NOW.toISOString()}::timestamptz > first_response_due_at))::int as f_missed,
        count(*) filter (where resolved_at <= resolution_due_at)::int as r_met,
        count(*) filter (where resolved_at > resolution_due_at or (resolved_at is null and least(${NOW.toISOString()}::timestamptz, coalesce(clock_paused_at, ${NOW.toISOString()}::timestamptz)) > resolution_due_at))::int as r_missed
      from x`);
    expect(report.compliance.firstResponse).toMatchObject({ met: r.f_met, missed: r.f_missed, pending: 40 - r.f_met - r.f_missed });
    expect(report.compliance.resolution).toMatchObject({ met: r.r_met, missed: r.r_missed, pending: 40 - r.r_met - r.r_missed });
    expect(report.compliance.resolution.percent).toBeCloseTo((100 * r.r_met) / (r.r_met + r.r_missed), 1);
    expect(r.r_met + r.r_missed).toBeGreaterThan(0);
  });

  it('aging of open complaints in calendar days', async () => {
    const open = await rows<{ days: number }>(sql`
      select ('2026-05-04'::date - (created_at at time zone ${TZ})::date) as days from complaints
      where category_id = ${categoryId} and status <> 'ditutup' and created_at < '2026-04-01 00:00:00+08'::timestamptz`);
    const bucket = (d: number) => (d <= 5 ? '0-5' : d <= 15 ? '6-15' : d <= 30 ? '16-30' : '>30');
    const counts = { '0-5': 0, '6-15': 0, '16-30': 0, '>30': 0 } as Record<string, number>;
    for (const o of open) counts[bucket(o.days)] += 1;
    expect(Object.fromEntries(report.aging.map((a) => [a.bucket, a.count]))).toEqual(counts);
    expect(counts['>30']).toBeGreaterThan(0);
  });

  it('per-officer workload and results, counted from events by type and author', async () => {
    for (const o of [officerA, officerB]) {
      const [w] = await rows<Record<string, number>>(sql`
        select count(*)::int as assigned, count(*) filter (where status <> 'ditutup')::int as open,
          count(*) filter (where status in ('selesai', 'ditutup'))::int as resolved
        from complaints where ${inRange()} and assigned_to = ${o.id}`);
      const [e] = await rows<Record<string, number>>(sql`
        select count(*) filter (where e.type = 'public_reply')::int as replies, count(*) filter (where e.type = 'closed')::int as closings
        from complaint_events e join complaints c on c.id = e.complaint_id
        where c.category_id = ${categoryId} and e.author_user_id = ${o.id}
          and e.created_at >= '2026-03-01 00:00:00+08'::timestamptz and e.created_at < '2026-04-01 00:00:00+08'::timestamptz`);
      const row = report.officers.find((x) => x.id === o.id)!;
      expect(row).toMatchObject({ name: o.name, assigned: w.assigned, open: w.open, resolved: w.resolved, replies: e.replies, closings: e.closings });
    }
    // The officer filter keeps that officer's complaints only.
    const onlyB = await buildReport(db(), { ...filters(), officerId: officerB.id }, NOW);
    expect(onlyB.officers.map((o) => o.id)).toEqual([officerB.id]);
    const [b] = await rows<{ n: number }>(sql`select count(*)::int as n from complaints where ${inRange()} and assigned_to = ${officerB.id}`);
    expect(onlyB.totals.received).toBe(b.n);
  });

  it('complaints avoided: knowledge-base deflections in the range', async () => {
    expect(report.deflections).toEqual({ total: 3, bySource: [{ source: 'faq', count: 1 }, { source: 'form', count: 2 }] });
  });

  it('satisfaction and appeals: verdicts by when given, appeals by when opened', async () => {
    const [v] = await rows<{ n: number; sat: number; avg: number }>(sql`
      select count(*)::int as n, count(*) filter (where s.satisfied)::int as sat, avg(s.rating)::float8 as avg
      from complaint_satisfaction s join complaints c on c.id = s.complaint_id
      where c.category_id = ${categoryId} and s.created_at >= '2026-03-01 00:00:00+08'::timestamptz and s.created_at < '2026-04-01 00:00:00+08'::timestamptz`);
    expect(v.n).toBe(11);
    expect(report.satisfaction).toMatchObject({ verdicts: v.n, satisfied: v.sat, notSatisfied: v.n - v.sat, satisfiedPercent: Math.round((v.sat / v.n) * 1000) / 10 });
    expect(report.satisfaction.averageRating).toBeCloseTo(Number(v.avg), 2);
    const byRating = await rows<{ rating: number; n: number }>(sql`
      select s.rating, count(*)::int as n from complaint_satisfaction s join complaints c on c.id = s.complaint_id
      where c.category_id = ${categoryId} and s.created_at >= '2026-03-01 00:00:00+08'::timestamptz and s.created_at < '2026-04-01 00:00:00+08'::timestamptz group by 1`);
    const expected = new Map(byRating.map((r) => [r.rating, r.n]));
    expect(report.satisfaction.byRating).toEqual([1, 2, 3, 4, 5].map((rating) => ({ rating, count: expected.get(rating) ?? 0 })));
    const [a] = await rows<{ n: number; resolved: number }>(sql`
      select count(*)::int as n, count(*) filter (where status in ('selesai', 'ditutup'))::int as resolved from complaints
      where category_id = ${categoryId} and appeal_opened_at >= '2026-03-01 00:00:00+08'::timestamptz and appeal_opened_at < '2026-04-01 00:00:00+08'::timestamptz`);
    expect(a.n).toBe(4);
    expect(report.appeals).toEqual({ opened: a.n, stillOpen: a.n - a.resolved, resolved: a.resolved });
    const summary = reportTables(report, 'ms').find((t) => t.key === 'summary')!;
    expect(summary.rows.find((r) => r[0] === 'Rayuan dibuka dalam tempoh ini')?.[1]).toBe(4);
  });

  it('the same figures from the working minutes stored on each complaint (lib/reports/stored-durations.ts)', async () => {
    // Inserted directly, this file's complaints have none stored: the report computed them live.
    expect((await reportContext(db(), filters(), NOW)).stored).toBe(false);
    const publicBefore = await computePublicStatistics(db(), NOW);
    await fillStoredDurations(db());
    for (const s of seeded) {
      const [c] = await db().select({ f: complaints.firstResponseMinutes, r: complaints.resolutionMinutes }).from(complaints).where(eq(complaints.id, s.id));
      const clock = serviceClock(cal, { status: s.status, createdAt: s.created, closedAt: s.closedAt, firstRespondedAt: s.firstAt, clockPausedAt: s.pausedAt, clockPausedMinutes: s.pausedMinutes }, charterTargets(cal), NOW, 80);
      expect(c.f).toBe(s.firstAt ? workingMinutesBetween(cal, s.created, s.firstAt) : null);
      expect(c.r).toBe(s.status === 'selesai' || s.status === 'ditutup' ? clock.usedMinutes : null);
    }
    expect((await reportContext(db(), filters(), NOW)).stored).toBe(true);
    expect(await buildReport(db(), filters(), NOW)).toEqual(report);
    expect({ ...(await computePublicStatistics(db(), NOW)), computedAt: null }).toEqual({ ...publicBefore, computedAt: null });
  });

  it('the PTJ filter', async () => {
    const r = await buildReport(db(), { ...filters(), ptjId }, NOW);
    const [n] = await rows<{ n: number }>(sql`select count(*)::int as n from complaints where ${inRange()} and ptj_id = ${ptjId}`);
    expect(r.totals.received).toBe(n.n);
    expect(r.byPtj).toEqual([{ id: ptjId, code: `RPT${run}`, name: `PTJ Laporan ${run}`, count: n.n }]);
  });

  it('reads filters from the URL: bad dates are reported, the default is this month', () => {
    const now = new Date('2026-05-14T04:00:00Z');
    expect(parseReportParams({}, now)).toMatchObject({ filters: { from: '2026-05-01', to: '2026-05-14' }, errors: {} });
    expect(parseReportParams({ from: '31-02-2026', to: '01-03-2026' }, now).errors).toEqual({ from: 'day_invalid' });
    expect(parseReportParams({ from: '10-03-2026', to: '01-03-2026' }, now).errors).toEqual({ to: 'range_order' });
    expect(parseReportParams({ from: '01-01-2020', to: '01-03-2026' }, now).errors).toEqual({ to: 'range_too_long' });
    expect(parseReportParams({ from: '01-03-2026', to: '31-03-2026', category: '7', officer: 'x' }, now).filters).toEqual({ from: '2026-03-01', to: '2026-03-31', categoryId: 7 });
  });
});

describe('exports', () => {
  const admin = { userId: '', pii: true };
  const supervisor = { userId: '', pii: false };
  beforeAll(async () => {
    const a = await createStaffUser(db(), { name: `Pentadbir ${run}`, email: `laporan-admin-${run}@pkn.test`, role: 'pentadbir', password: null });
    const s = await createStaffUser(db(), { name: `Penyelia ${run}`, email: `laporan-penyelia-${run}@pkn.test`, role: 'penyelia', password: null });
    admin.userId = a.id;
    supervisor.userId = s.id;
  });

  it('the report CSV and XLSX hold the same numbers as the page', async () => {
    const tables = reportTables(report, 'ms');
    const csv = await exportReport(db(), filters(), 'csv', 'report', supervisor, 'ms', NOW);
    const records = splitRecords(String(csv.body).replace(/^\uFEFF/, ''))!;
    const xlsx = await exportReport(db(), filters(), 'xlsx', 'report', supervisor, 'ms', NOW);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    for (const table of tables) {
      // CSV: the table's title row, its header, then its rows.
      const at = records.findIndex((r) => r[0] === table.title && r.length === 1);
      expect(at).toBeGreaterThan(0);
      expect(records[at + 1]).toEqual(table.columns);
      const text = (c: unknown) => (c === null || c === undefined ? '' : String(c));
      expect(records.slice(at + 2, at + 2 + table.rows.length)).toEqual(table.rows.map((r) => r.map(text)));
      // XLSX: a sheet per table, numbers as numbers.
      const ws = wb.worksheets.find((w) => table.title.startsWith(w.name))!;
      expect(ws).toBeDefined();
      const values = ws.getSheetValues().slice(2).map((r) => trimNulls(Array.from((r as unknown[]).slice(1), (c) => c ?? null)));
      expect(values).toEqual(table.rows.map(trimNulls));
    }
    const summary = tables.find((t) => t.key === 'summary')!;
    expect(summary.rows[0][1]).toBe(40);
  });

  it('formula payloads in titles come out neutralised in both exports; personal data only for admins', async () => {
    const csvAdmin = String((await exportReport(db(), filters(), 'csv', 'list', admin, 'ms', NOW)).body);
    const csvSup = String((await exportReport(db(), filters(), 'csv', 'list', supervisor, 'ms', NOW)).body);
    const recAdmin = splitRecords(csvAdmin.replace(/^\uFEFF/, ''))!;
    const recSup = splitRecords(csvSup.replace(/^\uFEFF/, ''))!;
    expect(recSup.length).toBe(41);
    const titleCol = recSup[0].indexOf('Tajuk');
    for (const p of PAYLOADS) {
      expect(recSup.some((r) => r[titleCol] === `'${p}`)).toBe(true);
      expect(recSup.some((r) => r[titleCol] === p)).toBe(false);
    }
    // Personal data: the admin's file has the complainant's name, full IC, phone and email.
    expect(recSup[0]).not.toContain('No Kad Pengenalan');
    expect(csvSup).not.toContain('Pengadu Laporan');
    expect(csvSup).not.toContain('@example.gov.my');
    expect(recAdmin[0]).toEqual(expect.arrayContaining(['Nama pengadu', 'No Kad Pengenalan', 'No Telefon', 'Emel']));
    expect(csvAdmin).toContain('900101031001');
    // The phone starts with +: neutralised as well.
    expect(csvAdmin).toContain("'+60139876543");

    const xlsx = await exportReport(db(), filters(), 'xlsx', 'report', supervisor, 'ms', NOW);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.getWorksheet('Senarai aduan')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).not.toContain('No Kad Pengenalan');
    const col = header.indexOf('Tajuk') + 1;
    const titles = ws.getColumn(col).values.slice(2).map(String);
    for (const p of PAYLOADS) {
      expect(titles).toContain(`'${p}`);
      expect(titles).not.toContain(p);
    }
    // No cell is a formula.
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const wbAdmin = new ExcelJS.Workbook();
    await wbAdmin.xlsx.load((await exportReport(db(), filters(), 'xlsx', 'report', admin, 'ms', NOW)).body as never);
    expect((wbAdmin.getWorksheet('Senarai aduan')!.getRow(1).values as unknown[]).slice(1)).toContain('No Kad Pengenalan');
    expect(can('pentadbir', 'export.pii')).toBe(true);
    expect(can('penyelia', 'export.pii')).toBe(false);
  });

  it('every export is audited', async () => {
    const before = await db().select().from(auditLog).where(and(eq(auditLog.action, 'report.export'), eq(auditLog.actorId, supervisor.userId)));
    await exportReport(db(), filters(), 'csv', 'list', supervisor, 'en', NOW);
    const after = await db().select().from(auditLog).where(and(eq(auditLog.action, 'report.export'), eq(auditLog.actorId, supervisor.userId)));
    expect(after.length).toBe(before.length + 1);
    const last = after.sort((a, b) => b.id - a.id)[0];
    expect(last.detail).toMatchObject({ format: 'csv', kind: 'list', rows: 40, pii: false, filters: { from: '2026-03-01', to: '2026-03-31', categoryId } });
  });
});

describe('public statistics', () => {
  it('per category: counts, median resolution and the share within 15 working days; small counts withheld', async () => {
    const stats = await computePublicStatistics(db(), NOW);
    expect(stats.months.map((m) => m.month)).toEqual(['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    for (const m of stats.months) for (const n of [m.received, m.closed]) expect(n === '<5' || n >= 5).toBe(true);
    const closed = seeded.filter((x) => x.status === 'ditutup');
    const used = closed.map(
      (x) => serviceClock(cal, { status: x.status, createdAt: x.created, closedAt: x.closedAt, firstRespondedAt: x.firstAt, clockPausedAt: x.pausedAt, clockPausedMinutes: x.pausedMinutes }, charterTargets(cal), NOW, 80).usedMinutes,
    );
    const dayMinutes = cal.hours.end - cal.hours.start;
    const [plain] = await rows<{ received: number; closed: number }>(sql`
      select count(*)::int as received, count(*) filter (where status = 'ditutup')::int as closed from complaints where category_id = ${categoryId}`);
    const row = stats.categories.find((c) => c.id === categoryId)!;
    expect(row.received).toBe(plain.received);
    expect(row.closed).toBe(plain.closed);
    expect(row.medianDays).toBeCloseTo(Math.round(((await percentile(used, 0.5))! / dayMinutes) * 10) / 10, 6);
    expect(row.within15Percent).toBeCloseTo(Math.round((1000 * used.filter((u) => u <= 15 * dayMinutes).length) / used.length) / 10, 6);
    // Nothing personal or per complaint in what the page reads.
    const text = JSON.stringify(stats);
    expect(text).not.toContain('RPT');
    expect(text).not.toContain('Pengadu');
  });

  it('a category with fewer than 5 complaints shows "<5" and no median', async () => {
    const [cat] = await db().insert(categories).values({ slug: `laporan-kecil-${run}`, nameMs: `Kecil ${run}`, nameEn: `Small ${run}`, sortOrder: 901 }).returning({ id: categories.id });
    const created = new Date('2026-03-10T02:00:00Z');
    const keys = piiKeys(getEnv().PII_KEY);
    const [c] = await db()
      .insert(complaints)
      .values({ number: `RPS${run}`, submissionKey: randomUUID(), status: 'ditutup', name: 'X', icEncrypted: encryptPii('900101031999', keys.enc), icHash: hashPii('900101031999', keys.mac), icLast4: '1999', phone: '+60131111111', email: `kecil-${run}@example.gov.my`, categoryId: cat.id, title: 'Kecil', description: 'Kecil', createdAt: created, closedAt: new Date(created.getTime() + 2 * D) })
      .returning({ id: complaints.id });
    ids.push(c.id);
    const row = (await computePublicStatistics(db(), NOW)).categories.find((x) => x.id === cat.id)!;
    expect(row).toMatchObject({ received: '<5', closed: '<5', medianDays: null, within15Percent: null });
  });

  it('is computed at most once an hour (report_cache)', async () => {
    const a = await getPublicStatistics(db(), NOW);
    const b = await getPublicStatistics(db(), new Date(NOW.getTime() + 30 * MIN));
    expect(b.computedAt).toBe(a.computedAt);
    const c = await getPublicStatistics(db(), new Date(NOW.getTime() + 61 * MIN));
    expect(c.computedAt).not.toBe(a.computedAt);
    // Leave no fixed-instant cache behind for the browser tests and other files.
    await db().execute(sql`delete from report_cache where key = 'public-statistics'`);
  });
});

describe('monthly pack', () => {
  it('on the first working day, each supervisor gets the previous month once, with the XLSX attached', async () => {
    const sup = await createStaffUser(db(), { name: `Penyelia Pek ${run}`, email: `laporan-pek-${run}@pkn.test`, role: 'penyelia', password: null });
    // April 2026 in Kelantan: the 1st is a Wednesday, a working day unless it is a holiday.
    const first = firstWorkingDay(cal, '2026-04-01')!;
    expect(first >= '2026-04-01').toBe(true);
    const dayAfter = new Date(Date.parse(`${first}T00:00:00Z`) + 24 * H + 0.5 * H); // the next day, 08:30 in KL
    expect(await runMonthlyPack(db(), dayAfter)).toBe(0);
    const morning = new Date(Date.parse(`${first}T00:00:00Z`) - 8 * H + 7.75 * H); // 07:45 in KL
    // Several runs at once, as several workers would: one claim per supervisor.
    const sent = await Promise.all([0, 1, 2, 3].map(() => runMonthlyPack(db(), morning)));
    expect(sent.filter((n) => n > 0)).toHaveLength(1);
    expect(await runMonthlyPack(db(), new Date(morning.getTime() + H))).toBe(0);
    await drainOutbox();
    const mine = (await fakeResend().emails()).emails.filter((e) => e.to.includes(sup.email));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain('03-2026');
    expect(mine[0].html).toContain('/konsol/laporan/cetak?from=01-03-2026&amp;to=31-03-2026');
    expect(mine[0].attachments).toHaveLength(1);
    expect(mine[0].attachments![0].filename).toBe('laporan-aduan-2026-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(mine[0].attachments![0].content, 'base64') as never);
    expect(wb.getWorksheet('Ringkasan')!.getRow(2).getCell(2).value).toBeGreaterThanOrEqual(40);
    // No personal data in the pack: supervisors do not export it.
    expect((wb.getWorksheet('Senarai aduan')!.getRow(1).values as unknown[]).slice(1)).not.toContain('No Kad Pengenalan');
  }, 120_000);
});

/** exceljs leaves trailing empty cells out of a row's values. */
function trimNulls(r: unknown[]): unknown[] {
  const out = [...r];
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}
