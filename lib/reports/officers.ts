import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { at, filterWhere, hasFilter, num, numOrNull, type ReportContext } from './context';
import { RESOLUTION_MET, RESOLUTION_MISSED, share } from './compliance';
import { durationsCtes } from './durations';

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
  const rows = await db.execute<Record<string, string | number | null>>(sql`
    with ${durationsCtes(ctx)},
    k as (
      select c.assigned_to as uid, c.status <> 'ditutup' as open, c.resolution_minutes,
        case when c.resolution_due_at is null then null when ${RESOLUTION_MET} then 1 when ${RESOLUTION_MISSED(ctx.now)} then 2 else 0 end as rc
      from d c
      where c.assigned_to is not null
      -- The outcome worked out once per row, not once per count below.
      offset 0
    ),
    work as (
      select uid,
        count(*)::int as assigned,
        count(*) filter (where open)::int as open,
        count(resolution_minutes)::int as resolved,
        count(*) filter (where rc = 1)::int as met,
        count(*) filter (where rc = 2)::int as missed,
        -- percentile_cont over the officer's few thousand resolutions: sorted per officer, as
        -- percentiles.ts reads a histogram (the same interpolation, the same float8 result).
        percentile_cont(0.5) within group (order by resolution_minutes) as median
      from k
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
      w.median, coalesce(w.met, 0) as met, coalesce(w.missed, 0) as missed, coalesce(a.replies, 0) as replies, coalesce(a.closings, 0) as closings
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
    medianResolution: numOrNull(r.median),
    resolutionMetPercent: share(num(r.met), num(r.missed)),
    replies: num(r.replies),
    closings: num(r.closings),
  }));
}
