import type { Db, Tx } from '@/lib/db';
import type { ComplaintPriority } from '@/lib/db/schema';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import type { WorkingCalendar } from '@/lib/calendar/working';
import { getServiceLevelSettings } from './settings';
import { allTargets, type Targets } from './targets';

// What the service clock needs to be read for many complaints at once (a queue page, a check over
// every complaint): the working calendar, every category's targets, and the "hampir lewat" share,
// each loaded once.

export type ClockContext = {
  cal: WorkingCalendar;
  targets: (categoryId: number, priority: ComplaintPriority) => Targets;
  nearlyPercent: number;
  /** The appeal's resolution target (working days). */
  appealResolutionDays: number;
};

export async function loadClockContext(db: Db | Tx): Promise<ClockContext> {
  const cal = await loadWorkingCalendar(db);
  const targets = await allTargets(db, cal);
  const { nearlyPercent, appealResolutionDays } = await getServiceLevelSettings(db);
  return { cal, targets, nearlyPercent, appealResolutionDays };
}
