import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { filterWhere, num, scopeWhere, type ReportContext, at } from './context';
import { dayKey } from './working-sql';

// Complaints received per day, week (Monday first) or month, on Malaysia dates; every period of
// the range is listed, empty ones as 0. Counted per Malaysia day by plain arithmetic on the epoch
// (working-sql.ts dayKey; a time-zone conversion per row costs seconds at a million), then rolled up. And the range's totals: received, closed (of those
// received), closed in the range (whenever received), reopened in the range (from the events'
// type, never their text).

export type Period = 'day' | 'week' | 'month';
export type ReceivedSeries = { period: Period; rows: { start: string; count: number }[] };

export async function receivedSeries(db: Db, ctx: ReportContext, period: Period): Promise<ReceivedSeries> {
  const unit = sql.raw(`'${period}'`);
  const rows = await db.execute<{ start: string; count: string }>(sql`
    with periods as (
      select distinct date_trunc(${unit}, d)::date as start
      from generate_series(${ctx.filters.from}::date, ${ctx.filters.to}::date, interval '1 day') as d
    ),
    per_day as (
      select ${dayKey(ctx.wd, sql`c.created_at`)} as dayno, count(*) as n
      from complaints c where ${scopeWhere(ctx)}
      group by 1
    ),
    counted as (
      select date_trunc(${unit}, date '1970-01-01' + dayno)::date as start, sum(n) as n from per_day group by 1
    )
    select to_char(p.start, 'YYYY-MM-DD') as start, coalesce(counted.n, 0)::int as count
    from periods p left join counted on counted.start = p.start
    order by p.start`);
  return { period, rows: rows.map((r) => ({ start: r.start, count: num(r.count) })) };
}

export type Totals = { received: number; open: number; closed: number; closedInRange: number; reopenedInRange: number };

export async function totals(db: Db, ctx: ReportContext): Promise<Totals> {
  const [r] = await db.execute<Record<keyof Totals, string>>(sql`
    with r as (
      select count(*)::int as received, count(*) filter (where c.status <> 'ditutup')::int as open, count(*) filter (where c.status = 'ditutup')::int as closed
      from complaints c where ${scopeWhere(ctx)}
    )
    select r.received, r.open, r.closed,
      (select count(*) from complaints c where c.closed_at >= ${at(ctx.start)} and c.closed_at < ${at(ctx.end)} and ${filterWhere(ctx)})::int as "closedInRange",
      (select count(*) from complaint_events e join complaints c on c.id = e.complaint_id
        where e.type = 'reopened' and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)} and ${filterWhere(ctx)})::int as "reopenedInRange"
    from r`);
  return { received: num(r.received), open: num(r.open), closed: num(r.closed), closedInRange: num(r.closedInRange), reopenedInRange: num(r.reopenedInRange) };
}
