import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, RESOLVED_AT, scopeWhere, type ReportContext, at } from './context';

// Service-level compliance against the due times stored on each complaint (lib/sla/due.ts), the
// way the service clock judges them (lib/sla/clock.ts):
// - first response: met when the first public reply came by its due time; missed when it came
//   later, or has not come while the clock runs and the due time has passed; else pending.
// - resolution: met when resolved (see RESOLVED_AT) by the resolution due time; missed when
//   resolved later, or not resolved and the clock ran past the due time (up to now or the pause);
//   else pending.
// The share is met / (met + missed); complaints still pending are left out of it.

export type Compliance = { met: number; missed: number; pending: number; percent: number | null };
export type ServiceLevelCompliance = { firstResponse: Compliance; resolution: Compliance };

export const FIRST_MET = sql`(c.first_responded_at is not null and c.first_responded_at <= c.first_response_due_at)`;
export const FIRST_MISSED = (now: Date) =>
  sql`(coalesce(c.first_responded_at, case when c.status in ('baru', 'dalam_tindakan') then ${at(now)} end) > c.first_response_due_at)`;
export const RESOLUTION_MET = sql`(${RESOLVED_AT} is not null and ${RESOLVED_AT} <= c.resolution_due_at)`;
export const RESOLUTION_MISSED = (now: Date) =>
  sql`(coalesce(${RESOLVED_AT}, least(${at(now)}, coalesce(c.clock_paused_at, ${at(now)}))) > c.resolution_due_at)`;

const share = (met: number, missed: number) => (met + missed === 0 ? null : Math.round((1000 * met) / (met + missed)) / 10);

export async function compliance(db: Db, ctx: ReportContext): Promise<ServiceLevelCompliance> {
  const [r] = await db.execute<Record<string, string>>(sql`
    select
      count(*) filter (where c.first_response_due_at is not null and ${FIRST_MET})::int as f_met,
      count(*) filter (where c.first_response_due_at is not null and not ${FIRST_MET} and ${FIRST_MISSED(ctx.now)})::int as f_missed,
      count(*) filter (where c.first_response_due_at is not null)::int as f_all,
      count(*) filter (where c.resolution_due_at is not null and ${RESOLUTION_MET})::int as r_met,
      count(*) filter (where c.resolution_due_at is not null and not ${RESOLUTION_MET} and ${RESOLUTION_MISSED(ctx.now)})::int as r_missed,
      count(*) filter (where c.resolution_due_at is not null)::int as r_all
    from complaints c where ${scopeWhere(ctx)}`);
  const part = (met: number, missed: number, all: number): Compliance => ({ met, missed, pending: all - met - missed, percent: share(met, missed) });
  return {
    firstResponse: part(num(r.f_met), num(r.f_missed), num(r.f_all)),
    resolution: part(num(r.r_met), num(r.r_missed), num(r.r_all)),
  };
}
