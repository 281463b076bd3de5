import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, type ReportContext } from './context';
import { durationsCtes } from './durations';
import { percentileCont, sortHistogram, type Histogram } from './percentiles';

// Median and 90th percentile (continuous, interpolated) of the first response and the resolution
// in working minutes, over the report's complaints that reached them.

export type Spread = { count: number; median: number | null; p90: number | null };
export type ResponseTimes = { firstResponse: Spread; resolution: Spread };

export async function responseTimes(db: Db, ctx: ReportContext): Promise<ResponseTimes> {
  // How many complaints took each number of minutes (whole minutes: few distinct values), one
  // pass with two groupings; the percentiles are read off these counts (percentiles.ts) rather
  // than by sorting a million values twice.
  const rows = await db.execute<{ which: number; v: number | null; n: number }>(sql`
    with ${durationsCtes(ctx)}
    select grouping(first_minutes) as which, coalesce(first_minutes, resolution_minutes) as v, count(*)::int as n
    from d group by grouping sets ((first_minutes), (resolution_minutes))`);
  const first = rows.filter((r) => Number(r.which) === 0 && r.v !== null).map((r) => [Number(r.v), num(r.n)] as const);
  const resolution = rows.filter((r) => Number(r.which) === 1 && r.v !== null).map((r) => [Number(r.v), num(r.n)] as const);
  return { firstResponse: spread(first), resolution: spread(resolution) };
}

function spread(counts: Histogram): Spread {
  const h = sortHistogram(counts);
  return { count: h.reduce((s, [, n]) => s + n, 0), median: percentileCont(h, 0.5), p90: percentileCont(h, 0.9) };
}
