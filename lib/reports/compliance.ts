import { sql } from 'drizzle-orm';
import { at, RESOLVED_AT } from './context';
import type { DurationsPass } from './durations-pass';

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

export const share = (met: number, missed: number) => (met + missed === 0 ? null : Math.round((1000 * met) / (met + missed)) / 10);

/** Counted in the report's durations pass (durations-pass.ts), per outcome of each due time. */
export function compliance(pass: DurationsPass): ServiceLevelCompliance {
  const c = { f_met: 0, f_missed: 0, f_all: 0, r_met: 0, r_missed: 0, r_all: 0 };
  for (const o of pass.outcomes) {
    if (o.first !== null) c.f_all += o.n;
    if (o.first === 1) c.f_met += o.n;
    if (o.first === 2) c.f_missed += o.n;
    if (o.resolution !== null) c.r_all += o.n;
    if (o.resolution === 1) c.r_met += o.n;
    if (o.resolution === 2) c.r_missed += o.n;
  }
  const part = (met: number, missed: number, all: number): Compliance => ({ met, missed, pending: all - met - missed, percent: share(met, missed) });
  return { firstResponse: part(c.f_met, c.f_missed, c.f_all), resolution: part(c.r_met, c.r_missed, c.r_all) };
}
