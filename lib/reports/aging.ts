import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { MALAYSIA_TZ } from '@/lib/calendar/zone';
import { filterWhere, num, type ReportContext, at } from './context';

// Aging of the complaints still open now (not closed), received up to the range's end, with the
// optional filters: whole Malaysia CALENDAR days since filing, as the public reads "Bil Aging Aduan
// N Hari" (lib/calendar/aging.ts), in the buckets 0–5, 6–15, 16–30 and over 30 days.

export const AGING_BUCKETS = ['0-5', '6-15', '16-30', '>30'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = { bucket: AgingBucket; count: number }[];

export async function aging(db: Db, ctx: ReportContext): Promise<Aging> {
  const [r] = await db.execute<Record<string, string>>(sql`
    with a as (
      select (${at(ctx.now)} at time zone ${MALAYSIA_TZ})::date - (c.created_at at time zone ${MALAYSIA_TZ})::date as days
      from complaints c
      where c.status <> 'ditutup' and c.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}
    )
    select
      count(*) filter (where days <= 5)::int as b0,
      count(*) filter (where days between 6 and 15)::int as b1,
      count(*) filter (where days between 16 and 30)::int as b2,
      count(*) filter (where days > 30)::int as b3
    from a`);
  return AGING_BUCKETS.map((bucket, i) => ({ bucket, count: num(r[`b${i}`]) }));
}
