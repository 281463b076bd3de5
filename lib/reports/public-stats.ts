import { eq, sql } from 'drizzle-orm';
import { malaysiaDay, startOfMalaysiaDay, startOfNextMalaysiaDay } from '@/lib/calendar/days';
import type { Db } from '@/lib/db';
import { reportCache } from '@/lib/db/schema';
import { CHARTER_RESOLUTION_DAYS } from '@/lib/sla/targets';
import { at, num, numOrNull, reportContext, storedDurationsUsable } from './context';
import { durationsCtes } from './durations';
import { dayKey } from './working-sql';

// The public /statistik figures: complaints received and closed per month over the last 12
// months (this one included), and per category over those months the closings' median resolution
// time (the service clock's working days at resolution) and the share closed within the charter's
// 15 working days. Aggregates only, never a complaint or a person; counts under 5 are withheld
// here, before anything is stored or shown ("< 5"), and so are the median and share of a
// category with fewer than 5 closings. The page is public, so the figures are computed at most
// once an hour and kept in `report_cache` (no complaint's status is shown, only aggregates, so
// an hour-old figure misleads nobody).

export const PUBLIC_STATS_KEY = 'public-statistics';
export const PUBLIC_STATS_MAX_AGE_MS = 60 * 60 * 1000;
const SMALL = 5;

/** A count as the public sees it: the number, or "<5" when under 5. */
export type PublicCount = number | '<5';
export type PublicStatistics = {
  computedAt: string;
  months: { month: string; received: PublicCount; closed: PublicCount }[];
  categories: { id: number; nameMs: string; nameEn: string; received: PublicCount; closed: PublicCount; medianDays: number | null; within15Percent: number | null }[];
  overall: { received: PublicCount; closed: PublicCount; medianDays: number | null; within15Percent: number | null };
};

const shown = (n: number): PublicCount => (n < SMALL ? '<5' : n);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The figures at `now`, computed from the database (no cache). */
export async function computePublicStatistics(db: Db, now: Date = new Date()): Promise<PublicStatistics> {
  const today = malaysiaDay(now);
  const [y, m] = today.split('-').map(Number);
  const firstMonth = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
  const winStart = startOfMalaysiaDay(`${firstMonth}-01`);
  const winEnd = startOfNextMalaysiaDay(today);
  // The day table reaches back three years, for complaints closed in the window but filed earlier.
  const ctx = await reportContext(db, { from: `${y - 3}-${String(m).padStart(2, '0')}-01`, to: today }, now);
  const dayMinutes = ctx.wd.length;
  const months = await db.execute<{ month: string; received: number; closed: number }>(sql`
    with months as (
      select to_char(d, 'YYYY-MM') as month from generate_series(${`${firstMonth}-01`}::date, ${today}::date, interval '1 month') as d
    ),
    r as (
      select to_char(date '1970-01-01' + dayno, 'YYYY-MM') as month, sum(n)::int as n from (
        select ${dayKey(ctx.wd, sql`created_at`)} as dayno, count(*) as n from complaints
        where created_at >= ${at(winStart)} and created_at < ${at(winEnd)} group by 1) per_day
      group by 1
    ),
    c as (
      select to_char(date '1970-01-01' + dayno, 'YYYY-MM') as month, sum(n)::int as n from (
        select ${dayKey(ctx.wd, sql`closed_at`)} as dayno, count(*) as n from complaints
        where closed_at >= ${at(winStart)} and closed_at < ${at(winEnd)} and status = 'ditutup' group by 1) per_day
      group by 1
    )
    select months.month, coalesce(r.n, 0)::int as received, coalesce(c.n, 0)::int as closed
    from months left join r using (month) left join c using (month) order by months.month`);
  const closedWhere = sql`c.status = 'ditutup' and c.closed_at >= ${at(winStart)} and c.closed_at < ${at(winEnd)}`;
  const within = CHARTER_RESOLUTION_DAYS * dayMinutes;
  const stored = await storedDurationsUsable(db, ctx, closedWhere);
  const cats = await db.execute<Record<string, string | number | null>>(sql`
    with ${durationsCtes(ctx, closedWhere, stored)},
    closings as (
      select c.category_id, count(*)::int as closed,
        percentile_cont(0.5) within group (order by d.resolution_minutes) as med,
        count(d.resolution_minutes)::int as timed,
        count(*) filter (where d.resolution_minutes <= ${within})::int as within
      from d join complaints c on c.id = d.id group by grouping sets ((c.category_id), ())
    ),
    received as (
      select category_id, count(*)::int as received from complaints
      where created_at >= ${at(winStart)} and created_at < ${at(winEnd)} group by grouping sets ((category_id), ())
    )
    select k.id, k.name_ms, k.name_en, k.sort_order, coalesce(r.received, 0) as received, coalesce(x.closed, 0) as closed, x.med, coalesce(x.timed, 0) as timed, coalesce(x.within, 0) as within
    from categories k
    left join received r on r.category_id = k.id
    left join closings x on x.category_id = k.id
    where r.received is not null or x.closed is not null
    union all
    select null, null, null, null, (select received from received where category_id is null), (select closed from closings where category_id is null),
      (select med from closings where category_id is null), (select timed from closings where category_id is null), (select within from closings where category_id is null)
    order by 4 nulls last, 1`);
  const figures = (r: Record<string, string | number | null>) => {
    const closed = num(r.closed);
    const timed = num(r.timed);
    const enough = closed >= SMALL && timed >= SMALL;
    return {
      received: shown(num(r.received)),
      closed: shown(closed),
      medianDays: enough ? round1(numOrNull(r.med)! / dayMinutes) : null,
      within15Percent: enough ? round1((100 * num(r.within)) / timed) : null,
    };
  };
  const all = cats.find((r) => r.id === null)!;
  return {
    computedAt: now.toISOString(),
    months: months.map((r) => ({ month: r.month, received: shown(num(r.received)), closed: shown(num(r.closed)) })),
    categories: cats.filter((r) => r.id !== null).map((r) => ({ id: Number(r.id), nameMs: String(r.name_ms), nameEn: String(r.name_en), ...figures(r) })),
    overall: figures(all),
  };
}

/** The figures, from the hourly cache; computed again (and stored) when older than an hour. */
export async function getPublicStatistics(db: Db, now: Date = new Date()): Promise<PublicStatistics> {
  const [row] = await db.select().from(reportCache).where(eq(reportCache.key, PUBLIC_STATS_KEY));
  if (row && now.getTime() - row.computedAt.getTime() < PUBLIC_STATS_MAX_AGE_MS && now >= row.computedAt) return row.value as PublicStatistics;
  const value = await computePublicStatistics(db, now);
  await db
    .insert(reportCache)
    .values({ key: PUBLIC_STATS_KEY, value, computedAt: now })
    .onConflictDoUpdate({ target: reportCache.key, set: { value, computedAt: now } });
  return value;
}
