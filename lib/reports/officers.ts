import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { at, filterWhere, hasFilter, num, type ReportContext, serially } from './context';
import { RESOLUTION_MET, RESOLUTION_MISSED, share } from './compliance';
import { durationsCtes } from './durations';
import { percentileCont, sortHistogram } from './percentiles';

// Per officer: their workload among the report's complaints (assigned to them, still open,
// resolved, median resolution in working minutes, resolution met %) and what they did in the range
// (public replies and closings, counted from the events' type and author, never their text). One
// statement: it needs no other figure, so it runs beside the report's two passes.

export type OfficerRow = {
  id: string;
  name: string;
  assigned: number;
  open: number;
  resolved: number;
  medianResolution: number | null;
  resolutionMetPercent: number | null;
  replies: number;
  closings: number;
};

export async function officers(db: Db, ctx: ReportContext): Promise<OfficerRow[]> {
  const only = ctx.filters.officerId ? sql`and u.id = ${ctx.filters.officerId}` : sql``;
  // Events carry no filter columns: with a filter they join their complaint, without one every
  // event counts (complaint_id is NOT NULL and a foreign key), so the join is left out.
  const scoped = hasFilter(ctx) ? sql`join complaints c on c.id = e.complaint_id and ${filterWhere(ctx)}` : sql``;
  const rows = await serially<Record<string, string | number | null> & { minutes: unknown[] | null; counts: unknown[] | null }>(db, sql`
    with ${durationsCtes(ctx)},
    k as (
      select c.assigned_to as uid, c.status <> 'ditutup' as open, c.resolution_minutes,
        case when c.resolution_due_at is null then null when ${RESOLUTION_MET} then 1 when ${RESOLUTION_MISSED(ctx.now)} then 2 else 0 end as rc
      from d c
      where c.assigned_to is not null
      -- The outcome worked out once per row, not once per count below.
      offset 0
    ),
    -- Per officer and whole minute of resolution, hashed (no sort of a year's rows by officer),
    -- then per officer: the counts, and the minutes with how many took each for the median.
    per_minute as (
      select uid, resolution_minutes as v, count(*)::int as n,
        count(*) filter (where open)::int as open, count(*) filter (where rc = 1)::int as met, count(*) filter (where rc = 2)::int as missed
      from k
      group by uid, resolution_minutes
    ),
    work as (
      select uid, sum(n)::int as assigned, sum(open)::int as open, (sum(n) filter (where v is not null))::int as resolved,
        sum(met)::int as met, sum(missed)::int as missed,
        array_agg(v) filter (where v is not null) as minutes, array_agg(n) filter (where v is not null) as counts
      from per_minute
      group by uid
    ),
    acts as (
      select e.author_user_id as uid,
        count(*) filter (where e.type = 'public_reply')::int as replies,
        count(*) filter (where e.type = 'closed')::int as closings
      from complaint_events e ${scoped}
      where e.author_type = 'staff' and e.type in ('public_reply', 'closed')
        and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)}
      group by e.author_user_id
    )
    select u.id, u.name, coalesce(w.assigned, 0) as assigned, coalesce(w.open, 0) as open, coalesce(w.resolved, 0) as resolved,
      w.minutes, w.counts, coalesce(w.met, 0) as met, coalesce(w.missed, 0) as missed, coalesce(a.replies, 0) as replies, coalesce(a.closings, 0) as closings
    from users u
    left join work w on w.uid = u.id
    left join acts a on a.uid = u.id
    where (w.uid is not null or a.uid is not null) ${only}
    order by assigned desc, u.name, u.id`);
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    assigned: num(r.assigned),
    open: num(r.open),
    resolved: num(r.resolved),
    medianResolution: percentileCont(sortHistogram((r.minutes ?? []).map((v, i) => [Number(v), num(r.counts?.[i])] as const)), 0.5),
    resolutionMetPercent: share(num(r.met), num(r.missed)),
    replies: num(r.replies),
    closings: num(r.closings),
  }));
}
