import { drizzle } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import * as schema from '@/lib/db/schema';
import { buildReport } from '@/lib/reports';
import { computePublicStatistics } from '@/lib/reports/public-stats';
import { reportContext } from '@/lib/reports/context';
import { receivedSeries, totals } from '@/lib/reports/received';
import { byCategory, byPtj, byStatus } from '@/lib/reports/breakdown';
import { responseTimes } from '@/lib/reports/times';
import { compliance } from '@/lib/reports/compliance';
import { aging } from '@/lib/reports/aging';
import { officers } from '@/lib/reports/officers';

// How long a one-year report takes over REPORTS_SCALE_N complaints (default 1,000,000), in a
// schema of its own (`rbench`, dropped afterwards) so no other data is touched: complaints and
// events tables shaped like the real ones (with the indexes reports use), everything else shared.
// Run: npx vitest run --config tests/bench/vitest.config.mts

const N = Number(process.env.REPORTS_SCALE_N ?? 1_000_000);
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
  await db.execute(sql`create index on rbench.complaints (created_at, id)`);
  await db.execute(sql`create index on rbench.complaints (closed_at)`);
  await db.execute(sql`create index on rbench.complaint_events (complaint_id, created_at)`);
  await db.execute(sql`analyze rbench.complaints`);
  await db.execute(sql`analyze rbench.complaint_events`);
  console.log(`seeded ${N} complaints in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await db.execute(sql`drop schema if exists rbench cascade`);
  await client.end();
});

it(`a one-year report over ${N} complaints`, async () => {
  const now = new Date('2026-06-01T02:00:00Z');
  for (const run of [1, 2]) {
    const t0 = performance.now();
    const r = await buildReport(db, { from: '2025-06-01', to: '2026-05-31' }, now);
    const ms = performance.now() - t0;
    console.log(`report run ${run}: ${ms.toFixed(0)} ms (received ${r.totals.received}, resolution median ${r.times.resolution.median} min)`);
    expect(r.totals.received).toBe(N);
  }
  // Each figure family alone, one after another.
  const ctx = await reportContext(db, { from: '2025-06-01', to: '2026-05-31' }, now);
  const parts: [string, () => Promise<unknown>][] = [
    ['totals', () => totals(db, ctx)], ['per day', () => receivedSeries(db, ctx, 'day')], ['by category', () => byCategory(db, ctx)],
    ['by PTJ', () => byPtj(db, ctx)], ['by status', () => byStatus(db, ctx)], ['times', () => responseTimes(db, ctx)],
    ['compliance', () => compliance(db, ctx)], ['aging', () => aging(db, ctx)], ['officers', () => officers(db, ctx)],
  ];
  for (const [name, f] of parts) {
    const t = performance.now();
    await f();
    console.log(`  ${name}: ${(performance.now() - t).toFixed(0)} ms`);
  }
  const t1 = performance.now();
  await computePublicStatistics(db, now);
  console.log(`public statistics: ${(performance.now() - t1).toFixed(0)} ms`);
});
