import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { malaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import { parseDisplayDay } from '@/lib/calendar/display-day';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';

// "Tidak bertugas sehingga <tarikh>": an officer on leave or a course marks themselves away until
// the end of a Malaysia day; routing (lib/sla/routing.ts) passes them over until then. Set and
// cleared by the officer on their account page, audited; admins see it in the officers list.

export type AwayRefusal = 'away_invalid' | 'away_past';

/** The typed day (dd-MM-yyyy) checked: a real day, today or later in Malaysia. */
export function parseAwayUntil(raw: string, now: Date = new Date()): { ok: true; day: CalendarDay } | { ok: false; reason: AwayRefusal } {
  const day = parseDisplayDay(raw);
  if (!day) return { ok: false, reason: 'away_invalid' };
  // yyyy-MM-dd strings compare as days.
  if (day < malaysiaDay(now)) return { ok: false, reason: 'away_past' };
  return { ok: true, day };
}

/** Sets (a typed day) or clears (null) the officer's own away day. Nothing is written on a refusal. */
export async function setAwayUntil(
  db: Db,
  actor: { userId: string; ip?: string | null },
  raw: string | null,
  now: Date = new Date(),
): Promise<{ ok: true; day: CalendarDay | null } | { ok: false; reason: AwayRefusal }> {
  let day: CalendarDay | null = null;
  if (raw !== null && raw.trim() !== '') {
    const parsed = parseAwayUntil(raw, now);
    if (!parsed.ok) return parsed;
    day = parsed.day;
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ awayUntil: day }).where(eq(users.id, actor.userId));
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: day ? 'staff.away_set' : 'staff.away_cleared', targetType: 'user', targetId: actor.userId, ip: actor.ip ?? null, detail: { until: day } });
  });
  return { ok: true, day };
}

/** The officer's away day while it still lies ahead (today included), else null. */
export async function currentAwayUntil(db: Db, userId: string, now: Date = new Date()): Promise<CalendarDay | null> {
  const [u] = await db.select({ awayUntil: users.awayUntil }).from(users).where(eq(users.id, userId));
  return u?.awayUntil && u.awayUntil >= malaysiaDay(now) ? u.awayUntil : null;
}
