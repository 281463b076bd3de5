import { sql, type SQL } from 'drizzle-orm';
import { RESOLVED_AT, scopeWhere, wdCte, type ReportContext } from './context';
import { dayKey, workingBetween, workingOffset } from './working-sql';

// Each report complaint's working durations, as a CTE `d`: `first_minutes`, working minutes from
// filing to the first public reply, and `resolution_minutes`, the service clock's working minutes
// at resolution (filing to the pause at *selesai* or the closing, less the time it was paused
// before): what lib/sla/clock.ts `serviceClock(...).usedMinutes` says of a resolved complaint.
// Null while not reached.
//
// Two ways to the same numbers: the figures stored on each complaint (lib/reports/stored-durations.ts),
// read as they are, when the calendar they were computed with is today's and none of the
// complaints lacks one; else computed here in SQL from the working-day table (working-sql.ts).

// The complaint's columns `d` carries besides the durations, so a figure reads `d` alone (aliased
// `c`, RESOLVED_AT and the compliance conditions work on it) instead of joining complaints again.
const D_COLUMNS = sql`c.id, c.assigned_to, c.status, c.first_responded_at, c.first_response_due_at, c.resolution_due_at, c.closed_at, c.clock_paused_at`;

/** `with` items ending in `d` (id, assigned_to, status, first_responded_at, first_response_due_at, resolution_due_at, closed_at, clock_paused_at, first_minutes, resolution_minutes). */
export function durationsCtes(ctx: ReportContext, where: SQL = scopeWhere(ctx), stored = ctx.stored): SQL {
  return stored ? storedDurationsCtes(where) : liveDurationsCtes(ctx, where);
}

/** The stored figures, each only once its moment has come (a stale one is never read). */
function storedDurationsCtes(where: SQL): SQL {
  return sql`d as (
    select ${D_COLUMNS},
      case when c.first_responded_at is not null then c.first_response_minutes end::float8 as first_minutes,
      case when ${RESOLVED_AT} is not null then c.resolution_minutes end::float8 as resolution_minutes
    from complaints c
    where ${where}
  )`;
}

/** Working time computed in SQL for every complaint (the working-day table joined on its days). */
export function liveDurationsCtes(ctx: ReportContext, where: SQL = scopeWhere(ctx)): SQL {
  const w = ctx.wd;
  const created = workingOffset(w, sql`c.created_at`, 'w0');
  const first = workingOffset(w, sql`c.first_responded_at`, 'w1');
  const resolved = workingOffset(w, RESOLVED_AT, 'w2');
  return sql`${wdCte(ctx)},
  d as (
    select ${D_COLUMNS},
      case when c.first_responded_at is not null then ${workingBetween(created, first)} end::float8 as first_minutes,
      case when ${RESOLVED_AT} is not null then greatest(${workingBetween(created, resolved)} - c.clock_paused_minutes, 0) end::float8 as resolution_minutes,
      -- What they were computed from (lib/reports/fill-durations.ts writes only if still so).
      row(c.created_at, c.first_responded_at, c.status, c.closed_at, c.clock_paused_at, c.clock_paused_minutes) as inputs
    from complaints c
    left join wd w0 on w0.dayno = ${dayKey(w, sql`c.created_at`)}
    left join wd w1 on w1.dayno = ${dayKey(w, sql`c.first_responded_at`)}
    left join wd w2 on w2.dayno = ${dayKey(w, RESOLVED_AT)}
    where ${where}
  )`;
}
