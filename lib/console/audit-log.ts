import 'server-only';
import { and, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import { parseCalendarDay, startOfMalaysiaDay, startOfNextMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import type { Db } from '@/lib/db';
import { auditLog, users } from '@/lib/db/schema';

/** `from`/`to` are Malaysia dates, inclusive; `before` is the keyset (an audit row id). */
export type AuditFilters = { action?: string; actor?: string; target?: string; from?: CalendarDay; to?: CalendarDay; before?: number };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The filters in the audit page's URL. A repeated parameter counts once, and a date that does not
 * exist or a page key that is not a row id is dropped, so no URL can turn into a database error.
 */
export function parseAuditParams(sp: SearchParams): AuditFilters {
  const get = (key: string) => {
    const v = Object.hasOwn(sp, key) ? sp[key] : undefined;
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
  };
  const before = Number(get('before'));
  return dropUndefined({
    action: get('action'),
    target: get('target'),
    from: parseCalendarDay(get('from')) ?? undefined,
    to: parseCalendarDay(get('to')) ?? undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
}

function dropUndefined(f: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditFilters;
}

/** The audit trail for admins, newest first, 100 rows a page (keyset on id). */
export async function listAudit(db: Db, f: AuditFilters) {
  const from = parseCalendarDay(f.from);
  const to = parseCalendarDay(f.to);
  const where = and(
    f.action ? like(auditLog.action, `${f.action.replace(/[%_]/g, '')}%`) : undefined,
    f.actor ? eq(auditLog.actorId, f.actor) : undefined,
    f.target ? eq(auditLog.targetId, f.target.trim().toUpperCase()) : undefined,
    from ? gte(auditLog.at, startOfMalaysiaDay(from)) : undefined,
    to ? lt(auditLog.at, startOfNextMalaysiaDay(to)) : undefined,
    Number.isSafeInteger(f.before) && f.before! > 0 ? lt(auditLog.id, f.before!) : undefined,
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
