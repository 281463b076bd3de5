import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { at, filterWhere, hasFilter, num, type ReportContext, serially } from './context';
import type { CountsPass } from './counts-pass';

// Complaints received per day, week (Monday first) or month, on Malaysia dates; every period of
// the range is listed, empty ones as 0. Counted per Malaysia day by plain arithmetic on the epoch
// (working-sql.ts dayKey; a time-zone conversion per row costs seconds at a million), then rolled
// up, in the report's one counting pass (counts-pass.ts). And the range's totals: received, open
// and closed (of those received: the same pass, per status), closed in the range (whenever
// received), reopened in the range (from the events' type, never their text).

export type Period = 'day' | 'week' | 'month';
export type ReceivedSeries = { period: Period; rows: { start: string; count: number }[] };

/** Per day, week or month, from the report's one counting pass (counts-pass.ts). */
export function receivedSeries(pass: CountsPass, period: Period): ReceivedSeries {
  return { period, rows: pass.series[period] };
}

export type Totals = { received: number; open: number; closed: number; closedInRange: number; reopenedInRange: number };

/** `pass` may still be running: this statement does not wait for it. */
export async function totals(db: Db, ctx: ReportContext, pass: CountsPass | Promise<CountsPass>): Promise<Totals> {
  // Events carry no filter columns: with a filter they join their complaint, without one every
  // event counts (complaint_id is NOT NULL and a foreign key), so the join is left out.
  const reopened = hasFilter(ctx)
    ? sql`select count(*) from complaint_events e join complaints c on c.id = e.complaint_id
        where e.type = 'reopened' and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}`
    : sql`select count(*) from complaint_events e where e.type = 'reopened' and e.created_at >= ${at(ctx.start)} and e.created_at < ${at(ctx.end)}`;
  const [r] = await serially<Record<'closedInRange' | 'reopenedInRange', string>>(db, sql`
    select
      (select count(*) from complaints c where c.closed_at >= ${at(ctx.start)} and c.closed_at < ${at(ctx.end)} and ${filterWhere(ctx)})::int as "closedInRange",
      (${reopened})::int as "reopenedInRange"`);
  const { byStatus } = await pass;
  let received = 0;
  for (const n of byStatus.values()) received += n;
  const closed = byStatus.get('ditutup') ?? 0;
  return { received, open: received - closed, closed, closedInRange: num(r.closedInRange), reopenedInRange: num(r.reopenedInRange) };
}
