import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { STATUSES } from '@/lib/complaints/status';
import { filterWhere, num, type ReportContext, at, serially } from './context';
import { addMalaysiaDays, malaysiaDay, startOfMalaysiaDay } from '@/lib/calendar/days';

// Every status but *ditutup*, listed (an IN list reads the status index; `<>` scans).
const OPEN = sql.raw(`(${STATUSES.filter((s) => s !== 'ditutup')
  .map((s) => `'${s}'`)
  .join(', ')})`);

// Aging of the complaints still open now (not closed), received up to the range's end, with the
// optional filters: whole Malaysia CALENDAR days since filing, as the public reads "Bil Aging Aduan
// N Hari" (lib/calendar/aging.ts), in the buckets 0–5, 6–15, 16–30 and over 30 days.

export const AGING_BUCKETS = ['0-5', '6-15', '16-30', '>30'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = { bucket: AgingBucket; count: number }[];

export async function aging(db: Db, ctx: ReportContext): Promise<Aging> {
  // Whole calendar days since filing ≤ N ⇔ filed on or after the start of the Malaysia day N days
  // before today: the buckets are ranges of the filing instant, compared as they are (no day
  // computed per row: there are hundreds of thousands of open complaints at 1,000,000).
  const today = malaysiaDay(ctx.now);
  const since = (days: number) => at(startOfMalaysiaDay(addMalaysiaDays(today, -days)));
  const [r] = await serially<Record<string, string>>(db, sql`
    select
      count(*) filter (where c.created_at >= ${since(5)})::int as b0,
      count(*) filter (where c.created_at < ${since(5)} and c.created_at >= ${since(15)})::int as b1,
      count(*) filter (where c.created_at < ${since(15)} and c.created_at >= ${since(30)})::int as b2,
      count(*) filter (where c.created_at < ${since(30)})::int as b3
    from complaints c
    where c.status in ${OPEN} and c.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}`);
  return AGING_BUCKETS.map((bucket, i) => ({ bucket, count: num(r[`b${i}`]) }));
}
