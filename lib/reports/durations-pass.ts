import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, type ReportContext } from './context';
import { FIRST_MET, FIRST_MISSED, RESOLUTION_MET, RESOLUTION_MISSED } from './compliance';
import { durationsCtes } from './durations';
import type { Histogram } from './percentiles';

// One pass over the report's complaints' durations (durations.ts `d`: stored or computed) for the
// figures that judge them: response times (times.ts), service-level compliance (compliance.ts) and
// each officer's workload and results (officers.ts). Each complaint's two outcomes (met, missed,
// pending) are worked out once per row, then one GROUPING SETS statement counts:
// - complaints per whole minute of first response, and of resolution (the percentiles' histograms);
// - complaints per first-response and resolution outcome (compliance);
// - per officer: per still-open, resolution outcome and whether resolved (their workload), and per
//   minute of resolution (their median's histogram).
// The modules named above read their figures off these counts.

/** An outcome against a due time: 1 met, 2 missed, 0 pending; null without a due time. */
type Outcome = 0 | 1 | 2 | null;

export type DurationsPass = {
  firstMinutes: Histogram;
  resolutionMinutes: Histogram;
  outcomes: { first: Outcome; resolution: Outcome; n: number }[];
  officers: Map<string, { work: { open: boolean; resolution: Outcome; resolved: boolean; n: number }[]; resolutionMinutes: [number, number][] }>;
};

type Row = {
  part: 'first' | 'resolution' | 'outcomes' | 'work' | 'officer_minutes';
  uid: string | null;
  open: boolean | null;
  resolved: boolean | null;
  v: number | null;
  fc: Outcome;
  rc: Outcome;
  n: number;
};

export async function durationsPass(db: Db, ctx: ReportContext): Promise<DurationsPass> {
  const rows = await db.execute<Row>(sql`
    with ${durationsCtes(ctx)},
    k as (
      select c.assigned_to as uid, c.status <> 'ditutup' as open, c.resolution_minutes is not null as resolved, c.first_minutes, c.resolution_minutes,
        case when c.first_response_due_at is null then null when ${FIRST_MET} then 1 when ${FIRST_MISSED(ctx.now)} then 2 else 0 end as fc,
        case when c.resolution_due_at is null then null when ${RESOLUTION_MET} then 1 when ${RESOLUTION_MISSED(ctx.now)} then 2 else 0 end as rc
      from d c
      -- Worked out once per row (else each grouping set's key would compute the outcomes again).
      offset 0
    )
    select
      case
        when grouping(first_minutes) = 0 then 'first'
        when grouping(fc) = 0 then 'outcomes'
        when grouping(open) = 0 then 'work'
        when grouping(uid) = 0 then 'officer_minutes'
        else 'resolution'
      end as part,
      uid, open, resolved, coalesce(first_minutes, resolution_minutes) as v, fc, rc, count(*)::int as n
    from k
    group by grouping sets ((first_minutes), (resolution_minutes), (fc, rc), (uid, open, rc, resolved), (uid, resolution_minutes))`);
  const pass: DurationsPass = { firstMinutes: [], resolutionMinutes: [], outcomes: [], officers: new Map() };
  const first: [number, number][] = [];
  const resolution: [number, number][] = [];
  const officer = (uid: string) => {
    let o = pass.officers.get(uid);
    if (!o) pass.officers.set(uid, (o = { work: [], resolutionMinutes: [] }));
    return o;
  };
  for (const r of rows) {
    const n = num(r.n);
    const v = r.v === null ? null : Number(r.v);
    if (r.part === 'first') {
      if (v !== null) first.push([v, n]);
    } else if (r.part === 'resolution') {
      if (v !== null) resolution.push([v, n]);
    } else if (r.part === 'outcomes') pass.outcomes.push({ first: outcome(r.fc), resolution: outcome(r.rc), n });
    else if (r.uid !== null) {
      if (r.part === 'work') officer(String(r.uid)).work.push({ open: Boolean(r.open), resolution: outcome(r.rc), resolved: Boolean(r.resolved), n });
      else if (v !== null) officer(String(r.uid)).resolutionMinutes.push([v, n]);
    }
  }
  pass.firstMinutes = first;
  pass.resolutionMinutes = resolution;
  return pass;
}

const outcome = (v: unknown): Outcome => (v === null || v === undefined ? null : (Number(v) as Outcome));
