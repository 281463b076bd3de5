import type { Db, Tx } from '@/lib/db';
import type { ComplaintPriority } from '@/lib/db/schema';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { serviceClock, type ClockFacts, type ServiceClock } from './clock';
import { getServiceLevelSettings } from './settings';
import { targetsFor } from './targets';

/** The service clock of one complaint as pages show it: its calendar, targets and settings loaded. */
export async function clockOfComplaint(
  db: Db | Tx,
  c: ClockFacts & { categoryId: number; priority: ComplaintPriority },
  now: Date = new Date(),
): Promise<ServiceClock> {
  const cal = await loadWorkingCalendar(db);
  const [targets, { nearlyPercent }] = await Promise.all([targetsFor(db, cal, c.categoryId, c.priority), getServiceLevelSettings(db)]);
  return serviceClock(cal, c, targets, now, nearlyPercent);
}
