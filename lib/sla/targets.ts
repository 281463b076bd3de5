import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { categoryTargets, complaintPriority, type ComplaintPriority } from '@/lib/db/schema';
import { workingDayMinutes, type WorkingCalendar } from '@/lib/calendar/working';

// Service-level targets: per category and priority, a first response within so many working hours
// and a resolution within so many working days. Without a row for a pair, the public-service
// charter holds: acknowledged within one working day, resolved within 15 working days.

export const PRIORITIES: readonly ComplaintPriority[] = complaintPriority.enumValues;
export const DEFAULT_PRIORITY: ComplaintPriority = 'biasa';
export const CHARTER_RESOLUTION_DAYS = 15;

/** A target in the units the clock counts: working minutes to the first response, working days to resolution. */
export type Targets = { firstResponseMinutes: number; resolutionDays: number };

/** The charter's targets on a calendar: one working day (its hours) and 15 working days. */
export const charterTargets = (cal: WorkingCalendar): Targets => ({
  firstResponseMinutes: workingDayMinutes(cal),
  resolutionDays: CHARTER_RESOLUTION_DAYS,
});

export async function targetsFor(db: Db | Tx, cal: WorkingCalendar, categoryId: number, priority: ComplaintPriority): Promise<Targets> {
  const [row] = await db
    .select({ hours: categoryTargets.firstResponseHours, days: categoryTargets.resolutionDays })
    .from(categoryTargets)
    .where(and(eq(categoryTargets.categoryId, categoryId), eq(categoryTargets.priority, priority)));
  return row ? { firstResponseMinutes: row.hours * 60, resolutionDays: row.days } : charterTargets(cal);
}

/** Every category's targets for every priority, for screens and jobs that look at many complaints. */
export async function allTargets(db: Db | Tx, cal: WorkingCalendar): Promise<(categoryId: number, priority: ComplaintPriority) => Targets> {
  const rows = await db.select().from(categoryTargets);
  const byKey = new Map(rows.map((r) => [`${r.categoryId}:${r.priority}`, { firstResponseMinutes: r.firstResponseHours * 60, resolutionDays: r.resolutionDays }]));
  const charter = charterTargets(cal);
  return (categoryId, priority) => byKey.get(`${categoryId}:${priority}`) ?? charter;
}
