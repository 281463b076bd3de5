import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, numOrNull, type ReportContext } from './context';
import { durationsCtes } from './durations';

// Median and 90th percentile (continuous, interpolated) of the first response and the resolution
// in working minutes, over the report's complaints that reached them.

export type Spread = { count: number; median: number | null; p90: number | null };
export type ResponseTimes = { firstResponse: Spread; resolution: Spread };

export async function responseTimes(db: Db, ctx: ReportContext): Promise<ResponseTimes> {
  const [r] = await db.execute<Record<string, string | null>>(sql`
    with ${durationsCtes(ctx)}
    select
      count(first_minutes)::int as f_n,
      percentile_cont(0.5) within group (order by first_minutes) as f_med,
      percentile_cont(0.9) within group (order by first_minutes) as f_p90,
      count(resolution_minutes)::int as r_n,
      percentile_cont(0.5) within group (order by resolution_minutes) as r_med,
      percentile_cont(0.9) within group (order by resolution_minutes) as r_p90
    from d`);
  return {
    firstResponse: { count: num(r.f_n), median: numOrNull(r.f_med), p90: numOrNull(r.f_p90) },
    resolution: { count: num(r.r_n), median: numOrNull(r.r_med), p90: numOrNull(r.r_p90) },
  };
}
