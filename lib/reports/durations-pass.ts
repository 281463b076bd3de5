import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, type ReportContext, serially } from './context';
import { FIRST_MET, FIRST_MISSED, RESOLUTION_MET, RESOLUTION_MISSED } from './compliance';
import { durationsCtes } from './durations';
import type { Histogram } from './percentiles';

// One pass over the report's complaints' durations (durations.ts `d`: stored or computed) for
// response times (times.ts) and service-level compliance (compliance.ts). Each complaint's two
// outcomes (met, missed, pending) are worked out once per row, then one GROUPING SETS statement
// counts complaints per whole minute of first response, per whole minute of resolution (the
// percentiles' histograms, a few thousand rows) and per pair of outcomes (compliance). The two
// modules read their figures off these counts. (Per officer, officers.ts has its own statement:
// adding the officers' minute histograms here made ~57,000 rows to send and parse, slower than
// the officers' own scan beside this one.)

/** An outcome against a due time: 1 met, 2 missed, 0 pending; null without a due time. */
type Outcome = 0 | 1 | 2 | null;

export type DurationsPass = {
  firstMinutes: Histogram;
  resolutionMinutes: Histogram;
  outcomes: { first: Outcome; resolution: Outcome; n: number }[];
};

type Row = {
  part: 'first' | 'resolution' | 'outcomes';
  v: number | null;
  fc: Outcome;
  rc: Outcome;
  n: number;
};

export async function durationsPass(db: Db, ctx: ReportContext): Promise<DurationsPass> {
  const rows = await serially<Row>(db, sql`
    with ${durationsCtes(ctx)},
    k as (
      select c.first_minutes, c.resolution_minutes,
        case when c.first_response_due_at is null then null when ${FIRST_MET} then 1 when ${FIRST_MISSED(ctx.now)} then 2 else 0 end as fc,
        case when c.resolution_due_at is null then null when ${RESOLUTION_MET} then 1 when ${RESOLUTION_MISSED(ctx.now)} then 2 else 0 end as rc
      from d c
      -- Worked out once per row (else each grouping set's key would compute the outcomes again).
      offset 0
    )
    select
      case when grouping(first_minutes) = 0 then 'first' when grouping(resolution_minutes) = 0 then 'resolution' else 'outcomes' end as part,
      coalesce(first_minutes, resolution_minutes) as v, fc, rc, count(*)::int as n
    from k
    group by grouping sets ((first_minutes), (resolution_minutes), (fc, rc))`);
  const pass: DurationsPass = { firstMinutes: [], resolutionMinutes: [], outcomes: [] };
  const first: [number, number][] = [];
  const resolution: [number, number][] = [];
  for (const r of rows) {
    const n = num(r.n);
    const v = r.v === null ? null : Number(r.v);
    if (r.part === 'first') {
      if (v !== null) first.push([v, n]);
    } else if (r.part === 'resolution') {
      if (v !== null) resolution.push([v, n]);
    } else pass.outcomes.push({ first: outcome(r.fc), resolution: outcome(r.rc), n });
  }
  pass.firstMinutes = first;
  pass.resolutionMinutes = resolution;
  return pass;
}

const outcome = (v: unknown): Outcome => (v === null || v === undefined ? null : (Number(v) as Outcome));
