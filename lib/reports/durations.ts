import { sql, type SQL } from 'drizzle-orm';
import { RESOLVED_AT, scopeWhere, wdCte, type ReportContext } from './context';
import { dayKey, workingBetween, workingOffset } from './working-sql';

// Each report complaint's working durations, as a CTE `d` after `wd` (the working-day table):
// `first_minutes`, working minutes from filing to the first public reply, and
// `resolution_minutes`, the service clock's working minutes at resolution (filing to the pause
// at *selesai* or the closing, less the time it was paused before): what lib/sla/clock.ts
// `serviceClock(...).usedMinutes` says of a resolved complaint. Null while not reached.

export function durationsCtes(ctx: ReportContext, where: SQL = scopeWhere(ctx)): SQL {
  const w = ctx.wd;
  const created = workingOffset(w, sql`c.created_at`, 'w0');
  const first = workingOffset(w, sql`c.first_responded_at`, 'w1');
  const resolved = workingOffset(w, RESOLVED_AT, 'w2');
  return sql`${wdCte(ctx)},
  d as (
    select c.id, c.assigned_to,
      case when c.first_responded_at is not null then ${workingBetween(created, first)} end::float8 as first_minutes,
      case when ${RESOLVED_AT} is not null then greatest(${workingBetween(created, resolved)} - c.clock_paused_minutes, 0) end::float8 as resolution_minutes
    from complaints c
    left join wd w0 on w0.dayno = ${dayKey(w, sql`c.created_at`)}
    left join wd w1 on w1.dayno = ${dayKey(w, sql`c.first_responded_at`)}
    left join wd w2 on w2.dayno = ${dayKey(w, RESOLVED_AT)}
    where ${where}
  )`;
}
