import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { num, type ReportContext, at } from './context';

// Complaints avoided: "Ini menyelesaikan masalah saya" on a knowledge-base article
// (`kb_deflections`) in the range, by where the person was; with a category filter, only the
// articles of that category. PTJ and officer filters do not apply (nobody was filed).

export type Deflections = { total: number; bySource: { source: string; count: number }[] };

export async function deflections(db: Db, ctx: ReportContext): Promise<Deflections> {
  const cat = ctx.filters.categoryId ? sql`and a.category_id = ${ctx.filters.categoryId}` : sql``;
  const rows = await db.execute<{ source: string; n: string }>(sql`
    select k.source, count(*)::int as n
    from kb_deflections k join kb_articles a on a.id = k.article_id
    where k.at >= ${at(ctx.start)} and k.at < ${at(ctx.end)} ${cat}
    group by k.source order by k.source`);
  const bySource = rows.map((r) => ({ source: r.source, count: num(r.n) }));
  return { total: bySource.reduce((s, r) => s + r.count, 0), bySource };
}
