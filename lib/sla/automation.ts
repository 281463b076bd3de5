import type { Db } from '@/lib/db';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { runAutoClose, type AutoCloseResult } from './auto-close';
import { runEscalation, type EscalationResult } from './escalation';
import { runReminders } from './reminders';
import { getServiceLevelSettings } from './settings';
import { runDailySummary } from './summary';

// The service-level automation, run by pg-boss schedules (lib/jobs/boss.ts, lib/jobs/worker.ts):
// every 5 minutes the tick (escalation, reminders, closings), at 07:30 the supervisors' summary.
// Each run is a function of the database and an instant, so tests drive the clock; each is safe
// with several workers at once (lib/sla/notices.ts claims every notice once; closings lock the row).

export type TickResult = { escalated: EscalationResult; reminded: number; closed: AutoCloseResult };

export async function runServiceLevelTick(db: Db, at: Date): Promise<TickResult> {
  const cal = await loadWorkingCalendar(db);
  const settings = await getServiceLevelSettings(db);
  const escalated = await runEscalation(db, at);
  const closesAfter = settings.autoCloseUnanswered ? settings.autoCloseUnansweredAfterDays : null;
  const reminded = await runReminders(db, at, cal, settings.reminderAfterDays, closesAfter);
  const closed = await runAutoClose(db, at, cal, settings);
  return { escalated, reminded, closed };
}

export { runDailySummary };
