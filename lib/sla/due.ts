import { eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { complaints, type Complaint } from '@/lib/db/schema';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { workingMinutesBetween, type WorkingCalendar } from '@/lib/calendar/working';
import { clockEffect } from '@/lib/complaints/status';
import { storeWorkingDurations } from '@/lib/reports/stored-durations';
import { complaintDueTimes } from './clock';
import { getServiceLevelSettings } from './settings';
import { targetsFor } from './targets';

// Writing the service clock onto a complaint row, inside the caller's transaction: due times when
// it is filed or its category or priority changes, and the pause and resume that status moves
// cause (lib/complaints/status.ts says which). `complaint` is updated in place, like moveStatus.

type ClockRow = Pick<Complaint, 'id' | 'createdAt' | 'categoryId' | 'priority' | 'clockPausedAt' | 'clockPausedMinutes'> &
  Partial<Pick<Complaint, 'firstResponseDueAt' | 'resolutionWarnAt' | 'resolutionDueAt' | 'appealOpenedAt'>>;

/** The due times for the complaint's category, priority and paused time so far, stored. */
export async function storeDueTimes(tx: Tx, complaint: ClockRow, cal?: WorkingCalendar): Promise<void> {
  const calendar = cal ?? (await loadWorkingCalendar(tx));
  const targets = await targetsFor(tx, calendar, complaint.categoryId, complaint.priority);
  const { nearlyPercent, appealResolutionDays } = await getServiceLevelSettings(tx);
  const due = complaintDueTimes(calendar, complaint, targets, complaint.clockPausedMinutes, nearlyPercent, appealResolutionDays);
  await tx.update(complaints).set(due).where(eq(complaints.id, complaint.id));
  Object.assign(complaint, due);
}

/** Pauses or resumes the clock as the move from `from` to the complaint's new status says. */
export async function applyClockEffect(tx: Tx, complaint: ClockRow, from: Complaint['status'], to: Complaint['status'], at: Date): Promise<void> {
  const effect = clockEffect(from, to);
  if (effect === 'pause' && !complaint.clockPausedAt) {
    await tx.update(complaints).set({ clockPausedAt: at }).where(eq(complaints.id, complaint.id));
    complaint.clockPausedAt = at;
  } else if (effect === 'resume' && complaint.clockPausedAt) {
    const cal = await loadWorkingCalendar(tx);
    const paused = workingMinutesBetween(cal, complaint.clockPausedAt, at);
    const clockPausedMinutes = complaint.clockPausedMinutes + paused;
    await tx.update(complaints).set({ clockPausedAt: null, clockPausedMinutes }).where(eq(complaints.id, complaint.id));
    Object.assign(complaint, { clockPausedAt: null, clockPausedMinutes });
    await storeDueTimes(tx, complaint, cal);
  }
  // 'stop': the closing time (closed_at) ends the clock; a pause in progress stays as it was.
}

/**
 * An appeal restarts the resolution clock (lib/complaints/satisfaction.ts): from `at`, nothing
 * paused yet, due in the appeal's own working days. Called after the appeal's status move.
 */
export async function restartClockForAppeal(tx: Tx, complaint: ClockRow, at: Date): Promise<void> {
  await tx.update(complaints).set({ appealOpenedAt: at, clockPausedAt: null, clockPausedMinutes: 0 }).where(eq(complaints.id, complaint.id));
  Object.assign(complaint, { appealOpenedAt: at, clockPausedAt: null, clockPausedMinutes: 0 });
  await storeDueTimes(tx, complaint);
  await storeWorkingDurations(tx, complaint.id);
}
