import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { at, filterWhere, num, type ReportContext } from './context';

// The complainants' verdicts and their appeals (lib/complaints/satisfaction.ts). Verdicts are
// counted by when they were given (`complaint_satisfaction.created_at` in the range), appeals by
// when they opened (`complaints.appeal_opened_at`); both of complaints that match the filters.
// An appeal counts as resolved once its complaint is selesai or ditutup again.

export type SatisfactionFigures = {
  verdicts: number;
  satisfied: number;
  notSatisfied: number;
  /** Satisfied ÷ verdicts, in percent with one decimal; null without a verdict. */
  satisfiedPercent: number | null;
  /** The mean rating (1–5), two decimals; null without a verdict. */
  averageRating: number | null;
  /** Every rating 1 to 5, with how many gave it. */
  byRating: { rating: number; count: number }[];
};

export type AppealFigures = { opened: number; stillOpen: number; resolved: number };

export async function satisfaction(db: Db, ctx: ReportContext): Promise<SatisfactionFigures> {
  const [r] = await db.execute<{ n: number; sat: number; avg: number | null; r1: number; r2: number; r3: number; r4: number; r5: number }>(sql`
    select count(*)::int as n, count(*) filter (where s.satisfied)::int as sat, avg(s.rating)::float8 as avg,
      count(*) filter (where s.rating = 1)::int as r1, count(*) filter (where s.rating = 2)::int as r2,
      count(*) filter (where s.rating = 3)::int as r3, count(*) filter (where s.rating = 4)::int as r4,
      count(*) filter (where s.rating = 5)::int as r5
    from complaint_satisfaction s join complaints c on c.id = s.complaint_id
    where s.created_at >= ${at(ctx.start)} and s.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}`);
  const verdicts = num(r.n);
  const satisfied = num(r.sat);
  return {
    verdicts,
    satisfied,
    notSatisfied: verdicts - satisfied,
    satisfiedPercent: verdicts === 0 ? null : Math.round((satisfied / verdicts) * 1000) / 10,
    averageRating: r.avg === null ? null : Math.round(Number(r.avg) * 100) / 100,
    byRating: [r.r1, r.r2, r.r3, r.r4, r.r5].map((count, i) => ({ rating: i + 1, count: num(count) })),
  };
}

export async function appeals(db: Db, ctx: ReportContext): Promise<AppealFigures> {
  const [r] = await db.execute<{ opened: number; resolved: number }>(sql`
    select count(*)::int as opened, count(*) filter (where c.status in ('selesai', 'ditutup'))::int as resolved
    from complaints c
    where c.appeal_opened_at >= ${at(ctx.start)} and c.appeal_opened_at < ${at(ctx.end)} and ${filterWhere(ctx)}`);
  const opened = num(r.opened);
  const resolved = num(r.resolved);
  return { opened, stillOpen: opened - resolved, resolved };
}
