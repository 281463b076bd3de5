import 'server-only';
import { aliasedTable, and, asc, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import { startOfMalaysiaDay, startOfNextMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import { parseDisplayDay } from '@/lib/calendar/display-day';
import type { Db } from '@/lib/db';
import { auditLog, users } from '@/lib/db/schema';

/**
 * `action`: one action (`complaint.view`) or a group (`complaint.`); `actor`: a staff user's id,
 * or `complainant` / `system`; `from`/`to`: Malaysia dates, inclusive; `before`: the keyset (an
 * audit row id).
 */
export type AuditFilters = { action?: string; actor?: string; target?: string; from?: CalendarDay; to?: CalendarDay; before?: number };

export const ACTOR_TYPES = ['complainant', 'system'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z_]+\.(?:[a-z_]+)?$/;

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The filters in the audit page's URL (and the export's). A repeated parameter counts once, and a
 * value that cannot be one (a date that does not exist, an actor that is not an id) is dropped, so
 * no URL can turn into a database error. Dates come as typed, `dd-MM-yyyy`.
 */
export function parseAuditParams(sp: SearchParams): AuditFilters {
  const get = (key: string) => {
    const v = Object.hasOwn(sp, key) ? sp[key] : undefined;
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
  };
  const before = Number(get('before'));
  const action = get('action');
  const actor = get('actor');
  return dropUndefined({
    action: action && ACTION.test(action) ? action : undefined,
    actor: actor && (UUID.test(actor) || (ACTOR_TYPES as readonly string[]).includes(actor)) ? actor : undefined,
    target: get('target')?.slice(0, 64),
    from: parseDisplayDay(get('from')) ?? undefined,
    to: parseDisplayDay(get('to')) ?? undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
}

function dropUndefined(f: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditFilters;
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

const targetUser = aliasedTable(users, 'target_user');

/** The audit trail for admins, newest first, `limit` rows a page (keyset on id), with names joined. */
export async function listAudit(db: Db, f: AuditFilters, limit = 100) {
  const actorFilter =
    f.actor === 'complainant' || f.actor === 'system'
      ? eq(auditLog.actorType, f.actor)
      : f.actor
        ? eq(auditLog.actorId, f.actor)
        : undefined;
  const where = and(
    f.action ? (f.action.endsWith('.') ? like(auditLog.action, `${f.action}%`) : eq(auditLog.action, f.action)) : undefined,
    actorFilter,
    f.target ? eq(auditLog.targetId, f.target.trim().toUpperCase()) : undefined,
    f.from ? gte(auditLog.at, startOfMalaysiaDay(f.from)) : undefined,
    f.to ? lt(auditLog.at, startOfNextMalaysiaDay(f.to)) : undefined,
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
      targetName: targetUser.name,
      ip: auditLog.ip,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
    .leftJoin(targetUser, and(eq(auditLog.targetType, 'user'), sql`${targetUser.id}::text = ${auditLog.targetId}`))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}

/** Everyone who can appear as an actor, for the "who" filter: staff by name (former staff too). */
export async function auditActors(db: Db) {
  return db.select({ id: users.id, name: users.name, active: users.active }).from(users).orderBy(asc(users.name));
}
