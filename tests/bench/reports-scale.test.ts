import { drizzle } from 'drizzle-orm/postgres-js';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import * as schema from '@/lib/db/schema';
import { buildReport, REPORT_BUDGET_MS, type Report } from '@/lib/reports';
import { durationsCtes } from '@/lib/reports/durations';
import { fillStoredDurations } from '@/lib/reports/fill-durations';
import { STORED_DURATIONS_KEY } from '@/lib/reports/stored-durations';
import { dayKey } from '@/lib/reports/working-sql';
import { computePublicStatistics } from '@/lib/reports/public-stats';
import { at, reportContext, scopeWhere } from '@/lib/reports/context';
import { countsPass } from '@/lib/reports/counts-pass';
import { durationsPass } from '@/lib/reports/durations-pass';
import { totals } from '@/lib/reports/received';
import { aging } from '@/lib/reports/aging';
import { officers } from '@/lib/reports/officers';

// How long a one-year report takes over REPORTS_SCALE_N complaints (default 1,000,000), in a
// schema of its own (`rbench`, dropped afterwards) so no other data is touched: complaints and
// events tables shaped like the real ones (with the indexes reports use), everything else shared.
// Run: npx vitest run --config tests/bench/vitest.config.mts

const N = Number(process.env.REPORTS_SCALE_N ?? 1_000_000);
const RUNS = 5;
const REPORT_INDEXES = [
  'complaints_report_idx',
  'complaints_closed_at_idx',
  'complaints_durations_missing_idx',
  'complaints_status_created_idx',
  'complaints_created_id_idx',
  'complaints_assigned_idx',
  'complaint_events_type_created_idx',
  'complaint_events_complaint_idx',
];
const client = postgres(getEnv().DATABASE_URL, { max: 4, onnotice: () => {}, connection: { search_path: 'rbench, public' } });
const db = drizzle(client, { schema });

beforeAll(async () => {
  const t0 = performance.now();
  await db.execute(sql`drop schema if exists rbench cascade`);
  await db.execute(sql`create schema rbench`);
  await db.execute(sql`create table rbench.complaints (like public.complaints including defaults)`);
  await db.execute(sql`create table rbench.complaint_events (like public.complaint_events including defaults)`);
  await db.execute(sql`
    insert into rbench.complaints (number, submission_key, status, name, ic_encrypted, ic_hash, ic_last4, phone, email, category_id, ptj_id, title, description,
      assigned_to, priority, created_at, updated_at, first_responded_at, first_response_due_at, resolution_due_at, clock_paused_at, clock_paused_minutes, closed_at)
    with ids as (
      select array(select id from public.categories order by id) as cats, array(select id from public.ptj order by id) as ptjs,
        array(select id from public.users order by id limit 7) as staff
    ),
    rows as (
      select g, '2025-05-31 16:00:00+00'::timestamptz + ((g - 1)::float8 / ${N}) * interval '365 days' as at,
        (array['baru','dalam_tindakan','menunggu_pengadu','selesai','ditutup','ditutup','ditutup','ditutup'])[1 + g % 8]::complaint_status as status
      from generate_series(1, ${N}) as g
    )
    select 'B' || g, gen_random_uuid(), status, 'x', 'x', 'x', '0000', '+60100000000', 'x@x',
      cats[1 + g % cardinality(cats)], ptjs[1 + g % greatest(cardinality(ptjs), 1)], 'Bench', 'Bench',
      case when g % 4 <> 0 then staff[1 + g % cardinality(staff)] end, 'biasa', at, at,
      case when g % 5 <> 0 then at + (g % 40) * interval '1 hour' end,
      at + interval '1 day', at + interval '21 days',
      case when status in ('selesai', 'menunggu_pengadu') or (status = 'ditutup' and g % 2 = 0) then at + (g % 20) * interval '1 day' end,
      (g % 3) * 60,
      case when status = 'ditutup' then at + (g % 20) * interval '1 day' + interval '2 days' end
    from rows, ids`);
  await db.execute(sql`
    insert into rbench.complaint_events (complaint_id, type, author_type, author_user_id, author_name, created_at)
    select id, 'public_reply', 'staff', assigned_to, 'x', first_responded_at from rbench.complaints where first_responded_at is not null and assigned_to is not null`);
  // The indexes the reports read, as the migrations define them on the real tables.
  const defs = await db.execute<{ indexdef: string }>(sql`
    select indexdef from pg_indexes where schemaname = 'public' and indexname in (${sql.join(REPORT_INDEXES.map((n) => sql`${n}`), sql`, `)})`);
  for (const { indexdef } of defs) await db.execute(sql.raw(indexdef.replace(/ ON public\./, ' ON rbench.').replace(/INDEX (\w+)/, 'INDEX rb_$1')));
  await db.execute(sql`vacuum analyze rbench.complaints`);
  await db.execute(sql`vacuum analyze rbench.complaint_events`);
  console.log(`seeded ${N} complaints in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await db.execute(sql`drop schema if exists rbench cascade`);
  await client.end();
});

const RANGE = { from: '2025-06-01', to: '2026-05-31' } as const;
const NOW = new Date('2026-06-01T02:00:00Z');

async function measure(label: string) {
  const times: number[] = [];
  let r: Report | null = null;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    r = await buildReport(db, RANGE, NOW);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
  const ctx = await reportContext(db, RANGE, NOW);
  console.log(`[${label}] report (${RUNS} runs): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (budget ${REPORT_BUDGET_MS} ms); stored minutes read: ${ctx.stored}`);
  // Each statement alone, one after another: the two passes (received, categories, PTJs and
  // statuses; times, compliance and officers' workload), then what reads other rows.
  const counts = await countsPass(db, ctx);
  const parts: [string, () => Promise<unknown>][] = [
    ['counts pass', () => countsPass(db, ctx)], ['durations pass', () => durationsPass(db, ctx)], ['totals (closings, reopenings)', () => totals(db, ctx, counts)],
    ['aging', () => aging(db, ctx)], ['officers', () => officers(db, ctx)], ['public statistics', () => computePublicStatistics(db, NOW)],
  ];
  for (const [name, f] of parts) {
    const t = performance.now();
    await f();
    console.log(`  [${label}] ${name}: ${(performance.now() - t).toFixed(0)} ms`);
  }
  return r!;
}

it(`a one-year report over ${N} complaints`, async () => {
  // Before the working minutes are stored (or with another calendar): computed live.
  await db.execute(sql`delete from public.settings where key = ${STORED_DURATIONS_KEY}`);
  // REPORTS_BENCH_LIVE=0 skips the (slow) live way and the comparison.
  const live = process.env.REPORTS_BENCH_LIVE === '0' ? null : await measure('live');
  if (live) expect(live.totals.received).toBe(N);
  const t0 = performance.now();
  const filled = await fillStoredDurations(db, NOW);
  console.log(`stored working minutes of ${filled} complaints in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await db.execute(sql`vacuum analyze rbench.complaints`);
  const stored = await measure('stored');
  // The same figures either way.
  expect(stored.totals.received).toBe(N);
  if (live) expect({ ...stored, at: null }).toEqual({ ...live, at: null });
  // The plans of the heaviest families, as the reports run them.
  const ctx = await reportContext(db, RANGE, NOW);
  const explained: [string, SQL][] = [
    ['times', sql`with ${durationsCtes(ctx)} select percentile_cont(0.5) within group (order by first_minutes), percentile_cont(0.9) within group (order by resolution_minutes) from d`],
    ['per day', sql`select ${dayKey(ctx.wd, sql`c.created_at`)}, count(*) from complaints c where ${scopeWhere(ctx)} group by 1`],
    ['aging', sql`select count(*) from complaints c where c.status in ('baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai') and c.created_at < ${at(ctx.end)}`],
  ];
  for (const [name, q] of explained) {
    const plan = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers, costs off) ${q}`);
    console.log(`plan of ${name}:\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
  }
});
