import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { STATUSES } from '@/lib/complaints/status';
import { num, scopeWhere, type ReportContext } from './context';

// The report's complaints by category, by PTJ (complaints naming a PTJ outside the list count as
// "other") and by their status now.

export type CategoryRow = { id: number; nameMs: string; nameEn: string; count: number };
export type PtjRow = { id: number | null; code: string | null; name: string | null; count: number };
export type StatusRow = { status: ComplaintStatus; count: number };

export async function byCategory(db: Db, ctx: ReportContext): Promise<CategoryRow[]> {
  const rows = await db.execute<{ id: number; name_ms: string; name_en: string; n: string }>(sql`
    select k.id, k.name_ms, k.name_en, count(*)::int as n
    from complaints c join categories k on k.id = c.category_id
    where ${scopeWhere(ctx)}
    group by k.id, k.name_ms, k.name_en, k.sort_order
    order by n desc, k.sort_order, k.id`);
  return rows.map((r) => ({ id: r.id, nameMs: r.name_ms, nameEn: r.name_en, count: num(r.n) }));
}

export async function byPtj(db: Db, ctx: ReportContext): Promise<PtjRow[]> {
  const rows = await db.execute<{ id: number | null; code: string | null; name: string | null; n: string }>(sql`
    select p.id, p.code, p.name, count(*)::int as n
    from complaints c left join ptj p on p.id = c.ptj_id
    where ${scopeWhere(ctx)}
    group by p.id, p.code, p.name
    order by n desc, p.code nulls last`);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, count: num(r.n) }));
}

export async function byStatus(db: Db, ctx: ReportContext): Promise<StatusRow[]> {
  const rows = await db.execute<{ status: ComplaintStatus; n: string }>(sql`
    select c.status, count(*)::int as n from complaints c where ${scopeWhere(ctx)} group by c.status`);
  const counts = new Map(rows.map((r) => [r.status, num(r.n)]));
  return STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}
