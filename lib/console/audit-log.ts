import 'server-only';
import { and, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { auditLog, users } from '@/lib/db/schema';

export type AuditFilters = { action?: string; actor?: string; target?: string; from?: string; to?: string; before?: number };

/** The audit trail for admins, newest first, 100 rows a page (keyset on id). */
export async function listAudit(db: Db, f: AuditFilters) {
  const klDay = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const where = and(
    f.action ? like(auditLog.action, `${f.action.replace(/[%_]/g, '')}%`) : undefined,
    f.actor ? eq(auditLog.actorId, f.actor) : undefined,
    f.target ? eq(auditLog.targetId, f.target.trim().toUpperCase()) : undefined,
    f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from) ? gte(auditLog.at, klDay(f.from)) : undefined,
    f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? lt(auditLog.at, new Date(klDay(f.to).getTime() + 86_400_000)) : undefined,
    f.before ? lt(auditLog.id, f.before) : undefined,
  );
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorType: auditLog.actorType,
      actorName: users.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(101);
  return { rows: rows.slice(0, 100), nextBefore: rows.length > 100 ? rows[99].id : null };
}
