import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { filterWhere, num, type ReportContext, at } from './context';
import { durationsCtes } from './durations';
import { percentileCont, sortHistogram } from './percentiles';
import { RESOLUTION_MET, RESOLUTION_MISSED } from './compliance';

// Per officer: their workload among the report's complaints (assigned to them, still open,
// resolved, median resolution in working minutes, resolution met %) and what they did in the range
// (public replies and closings, counted from the events' type and author, never their text).

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
  // Each officer's median resolution, read off how many took each number of minutes.
  const histogram = db.execute<{ uid: string; v: number; n: number }>(sql`
    with ${durationsCtes(ctx)}
    select assigned_to as uid, resolution_minutes as v, count(*)::int as n from d
    where assigned_to is not null and resolution_minutes is not null group by 1, 2`);
  const rows = await db.execute<Record<string, string | null>>(sql`
    with ${durationsCtes(ctx)},
    work as (
      select c.assigned_to as uid,
        count(*)::int as assigned,
        count(*) filter (where c.status <> 'ditutup')::int as open,
        count(c.resolution_minutes)::int as resolved,
        count(*) filter (where c.resolution_due_at is not null and ${RESOLUTION_MET})::int as met,
        count(*) filter (where c.resolution_due_at is not null and not ${RESOLUTION_MET} and ${RESOLUTION_MISSED(ctx.now)})::int as missed
      from d c
      where c.assigned_to is not null
      group by c.assigned_to
    ),
    acts as (
      select e.author_user_id as uid,
        count(*) filter (where e.type = 'public_reply')::int as replies,
        count(*) filter (where e.type = 'closed')::int as closings
      from complaint_events e join complaints c on c.id = e.complaint_id
      where e.author_type = 'staff' and e.type in ('public_reply', 'closed')
        and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}
      group by e.author_user_id
    )
    select u.id, u.name, coalesce(w.assigned, 0) as assigned, coalesce(w.open, 0) as open, coalesce(w.resolved, 0) as resolved,
      coalesce(w.met, 0) as met, coalesce(w.missed, 0) as missed, coalesce(a.replies, 0) as replies, coalesce(a.closings, 0) as closings
    from users u
    left join work w on w.uid = u.id
    left join acts a on a.uid = u.id
    where (w.uid is not null or a.uid is not null) ${only}
    order by assigned desc, u.name, u.id`);
  const hist = new Map<string, [number, number][]>();
  for (const r of await histogram) {
    const uid = String(r.uid);
    if (!hist.has(uid)) hist.set(uid, []);
    hist.get(uid)!.push([Number(r.v), num(r.n)]);
  }
  return rows.map((r) => {
    const met = num(r.met);
    const missed = num(r.missed);
    return {
      id: String(r.id),
      name: String(r.name),
      assigned: num(r.assigned),
      open: num(r.open),
      resolved: num(r.resolved),
      medianResolution: percentileCont(sortHistogram(hist.get(String(r.id)) ?? []), 0.5),
      resolutionMetPercent: met + missed === 0 ? null : Math.round((1000 * met) / (met + missed)) / 10,
      replies: num(r.replies),
      closings: num(r.closings),
    };
  });
}
