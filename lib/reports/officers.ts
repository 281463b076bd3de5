import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { at, filterWhere, hasFilter, num, type ReportContext } from './context';
import { share } from './compliance';
import type { DurationsPass } from './durations-pass';
import { percentileCont, sortHistogram } from './percentiles';

// Per officer: their workload among the report's complaints (assigned to them, still open,
// resolved, median resolution in working minutes, resolution met %: counted in the report's
// durations pass, durations-pass.ts) and what they did in the range (public replies and closings,
// counted here from the events' type and author, never their text).

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

export async function officers(db: Db, ctx: ReportContext, pass: DurationsPass): Promise<OfficerRow[]> {
  const only = ctx.filters.officerId ? sql`where u.id = ${ctx.filters.officerId}` : sql``;
  // Events carry no filter columns: with a filter they join their complaint, without one every
  // event counts (complaint_id is NOT NULL and a foreign key), so the join is left out.
  const scoped = hasFilter(ctx) ? sql`join complaints c on c.id = e.complaint_id and ${filterWhere(ctx)}` : sql``;
  // Every staff member (a few dozen rows) with what they did in the range and their place in the
  // name order; those with neither work nor acts are dropped below.
  const rows = await db.execute<{ id: string; name: string; acted: boolean; replies: number; closings: number; rank: number }>(sql`
    with acts as (
      select e.author_user_id as uid,
        count(*) filter (where e.type = 'public_reply')::int as replies,
        count(*) filter (where e.type = 'closed')::int as closings
      from complaint_events e ${scoped}
      where e.author_type = 'staff' and e.type in ('public_reply', 'closed')
        and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)}
      group by e.author_user_id
    )
    select u.id, u.name, a.uid is not null as acted, coalesce(a.replies, 0) as replies, coalesce(a.closings, 0) as closings,
      row_number() over (order by u.name, u.id)::int as rank
    from users u left join acts a on a.uid = u.id
    ${only}`);
  const out: (OfficerRow & { rank: number })[] = [];
  for (const r of rows) {
    const id = String(r.id);
    const mine = pass.officers.get(id);
    if (!mine && !r.acted) continue;
    const w = { assigned: 0, open: 0, resolved: 0, met: 0, missed: 0 };
    for (const x of mine?.work ?? []) {
      w.assigned += x.n;
      if (x.open) w.open += x.n;
      if (x.resolved) w.resolved += x.n;
      if (x.resolution === 1) w.met += x.n;
      if (x.resolution === 2) w.missed += x.n;
    }
    out.push({
      id,
      name: String(r.name),
      assigned: w.assigned,
      open: w.open,
      resolved: w.resolved,
      medianResolution: percentileCont(sortHistogram(mine?.resolutionMinutes ?? []), 0.5),
      resolutionMetPercent: share(w.met, w.missed),
      replies: num(r.replies),
      closings: num(r.closings),
      rank: num(r.rank),
    });
  }
  // Most assigned first, then by name as PostgreSQL orders them (its collation: the rank above).
  out.sort((a, b) => b.assigned - a.assigned || a.rank - b.rank);
  return out.map(({ rank: _rank, ...row }) => row);
}
