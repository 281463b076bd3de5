import type { Db, Tx } from '@/lib/db';
import type { ComplaintPriority } from '@/lib/db/schema';
import { serviceClock, type ClockFacts, type ServiceClock } from './clock';
import { loadClockContext } from './context';

/** The service clock of one complaint, on the calendar, targets and settings as they are now. */
export async function clockOfComplaint(
  db: Db | Tx,
  c: ClockFacts & { categoryId: number; priority: ComplaintPriority },
  now: Date = new Date(),
): Promise<ServiceClock> {
  const ctx = await loadClockContext(db);
  return serviceClock(ctx.cal, c, ctx.targets(c.categoryId, c.priority), now, ctx.nearlyPercent, ctx.appealResolutionDays);
}
