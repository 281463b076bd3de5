import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { num, scopeWhere, type ReportContext, serially } from './context';
import { dayKey } from './working-sql';

// One pass over the report's complaints for every figure that only counts them (received.ts,
// breakdown.ts): a year is ~240,000 index entries at 1,000,000 complaints, and each figure used to
// read them all again. One index-only scan of complaints_report_idx feeds four hash tables at once
// (GROUPING SETS: per Malaysia day, per category, per PTJ, per status; a few hundred rows), and the
// same statement rolls the days up into weeks and months and joins the names. received.ts and
// breakdown.ts shape their figures from what this answers; what it counts is theirs to say.

export type CountsPass = {
  /** Complaints received per Malaysia day, week (Monday first) and month, every period of the range. */
  series: Record<'day' | 'week' | 'month', { start: string; count: number }[]>;
  /** Per category, most first (then the category's order). */
  byCategory: { id: number; nameMs: string; nameEn: string; count: number }[];
  /** Per PTJ, most first (then by code; complaints without a listed PTJ last among equals). */
  byPtj: { id: number | null; code: string | null; name: string | null; count: number }[];
  /** Per status now (statuses without complaints absent). */
  byStatus: Map<ComplaintStatus, number>;
};

type Row = { part: 'day' | 'week' | 'month' | 'category' | 'ptj' | 'status'; start: string | null; id: number | null; code: string | null; name: string | null; name_en: string | null; status: ComplaintStatus | null; n: number };

export async function countsPass(db: Db, ctx: ReportContext): Promise<CountsPass> {
  const rows = await serially<Row>(db, sql`
    with g as (
      select grouping(dayno) as gd, grouping(category_id) as gc, grouping(ptj_id) as gp, grouping(status) as gs,
        dayno, category_id, ptj_id, status, count(*)::int as n
      from (
        select ${dayKey(ctx.wd, sql`c.created_at`)} as dayno, c.category_id, c.ptj_id, c.status
        from complaints c where ${scopeWhere(ctx)}
      ) c
      group by grouping sets ((dayno), (category_id), (ptj_id), (status))
    ),
    units (unit) as (values ('day'), ('week'), ('month')),
    periods as (
      select distinct u.unit, date_trunc(u.unit, d)::date as start
      from units u cross join generate_series(${ctx.filters.from}::date, ${ctx.filters.to}::date, interval '1 day') as d
    ),
    counted as (
      select u.unit, date_trunc(u.unit, date '1970-01-01' + g.dayno)::date as start, sum(g.n) as n
      from units u cross join g where g.gd = 0
      group by 1, 2
    )
    select p.unit as part, to_char(p.start, 'YYYY-MM-DD') as start, null::int as id, null::text as code, null::text as name, null::text as name_en,
      null::text as status, coalesce(counted.n, 0)::int as n, row_number() over (partition by p.unit order by p.start) as ord
    from periods p left join counted on counted.unit = p.unit and counted.start = p.start
    union all
    select 'category', null, k.id, null, k.name_ms, k.name_en, null, g.n, row_number() over (order by g.n desc, k.sort_order, k.id)
    from g join categories k on k.id = g.category_id where g.gc = 0
    union all
    select 'ptj', null, p.id, p.code, p.name, null, null, g.n, row_number() over (order by g.n desc, p.code nulls last)
    from g left join ptj p on p.id = g.ptj_id where g.gp = 0
    union all
    select 'status', null, null, null, null, null, g.status::text, g.n, 0 from g where g.gs = 0
    order by part, ord`);
  const pass: CountsPass = { series: { day: [], week: [], month: [] }, byCategory: [], byPtj: [], byStatus: new Map() };
  for (const r of rows) {
    const count = num(r.n);
    if (r.part === 'day' || r.part === 'week' || r.part === 'month') pass.series[r.part].push({ start: String(r.start), count });
    else if (r.part === 'category') pass.byCategory.push({ id: Number(r.id), nameMs: String(r.name), nameEn: String(r.name_en), count });
    else if (r.part === 'ptj') pass.byPtj.push({ id: r.id === null ? null : Number(r.id), code: r.code, name: r.name, count });
    else pass.byStatus.set(r.status as ComplaintStatus, count);
  }
  return pass;
}
