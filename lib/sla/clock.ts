import { addWorkingMinutes, workingDayMinutes, workingMinutesBetween, type WorkingCalendar } from '@/lib/calendar/working';
import type { ComplaintStatus } from '@/lib/db/schema';
import { clockRuns } from '@/lib/complaints/status';
import type { Targets } from './targets';

/** The appeal's resolution target by default, in working days (the `service_levels` setting). */
export const APPEAL_RESOLUTION_DAYS = 5;

// The service clock of one complaint, on the working calendar. It runs from filing while officers
// hold the complaint, pauses while it waits for the complainant or sits resolved (the working time
// spent paused is added up), and stops when it is closed. Due times are where the targets land
// once the paused time is added; they are stored on the complaint (for the queue's filters and
// sorts) and computed again here from the same facts, so each can check the other.

export type ClockFacts = {
  status: ComplaintStatus;
  createdAt: Date;
  closedAt: Date | null;
  firstRespondedAt: Date | null;
  clockPausedAt: Date | null;
  clockPausedMinutes: number;
  /** An appeal restarts the resolution clock from this instant, with its own target (lib/complaints/satisfaction.ts). */
  appealOpenedAt?: Date | null;
};

export type DueTimes = { firstResponseDueAt: Date; resolutionWarnAt: Date; resolutionDueAt: Date };

/**
 * Where the targets land for a complaint filed at `createdAt` that has spent `pausedMinutes`
 * paused; "hampir lewat" begins at `nearlyPercent` of the resolution target.
 */
export function dueTimes(cal: WorkingCalendar, createdAt: Date, targets: Targets, pausedMinutes: number, nearlyPercent: number): DueTimes {
  const resolution = targets.resolutionDays * workingDayMinutes(cal);
  return {
    firstResponseDueAt: addWorkingMinutes(cal, createdAt, targets.firstResponseMinutes + pausedMinutes),
    resolutionWarnAt: addWorkingMinutes(cal, createdAt, Math.floor((resolution * nearlyPercent) / 100) + pausedMinutes),
    resolutionDueAt: addWorkingMinutes(cal, createdAt, resolution + pausedMinutes),
  };
}

/**
 * A complaint's due times: `dueTimes` from filing, except that after an appeal the resolution
 * target is `appealResolutionDays` working days from the appeal (paused minutes count from there:
 * the appeal set them to zero). The first-response due time stays where filing put it.
 */
export function complaintDueTimes(
  cal: WorkingCalendar,
  c: { createdAt: Date; appealOpenedAt?: Date | null },
  targets: Targets,
  pausedMinutes: number,
  nearlyPercent: number,
  appealResolutionDays: number,
): DueTimes {
  if (!c.appealOpenedAt) return dueTimes(cal, c.createdAt, targets, pausedMinutes, nearlyPercent);
  const first = dueTimes(cal, c.createdAt, targets, 0, nearlyPercent);
  const appeal = dueTimes(cal, c.appealOpenedAt, { ...targets, resolutionDays: appealResolutionDays }, pausedMinutes, nearlyPercent);
  return { firstResponseDueAt: first.firstResponseDueAt, resolutionWarnAt: appeal.resolutionWarnAt, resolutionDueAt: appeal.resolutionDueAt };
}

export type ServiceClock = {
  state: 'running' | 'paused' | 'stopped';
  /** Working minutes the clock has counted (paused time left out). */
  usedMinutes: number;
  /** "Hari bekerja ke-N daripada M": the working day the complaint is in, and the target. */
  workingDay: number;
  targetDays: number;
  due: DueTimes;
  /** Past the resolution due time while the clock runs (or when it stopped). */
  late: boolean;
  /** At or past `nearlyPercent` of the resolution target, not late yet, clock running. */
  nearlyLate: boolean;
  firstResponse: { met: boolean; late: boolean };
};

/** The clock at `now`. `nearlyPercent` is the share of the target that counts as "hampir lewat". */
export function serviceClock(
  cal: WorkingCalendar,
  c: ClockFacts,
  base: Targets,
  now: Date,
  nearlyPercent: number,
  appealResolutionDays: number = APPEAL_RESOLUTION_DAYS,
): ServiceClock {
  // Under appeal the clock counts from the appeal, against the appeal's own target.
  const start = c.appealOpenedAt ?? c.createdAt;
  const targets = c.appealOpenedAt ? { ...base, resolutionDays: appealResolutionDays } : base;
  const state = c.status === 'ditutup' ? 'stopped' : clockRuns(c.status) ? 'running' : 'paused';
  // The clock counts up to now, to the pause, or to the closing, whichever came first.
  const ends = [now, c.clockPausedAt, c.closedAt].filter((d): d is Date => d !== null);
  const end = new Date(Math.min(...ends.map((d) => d.getTime())));
  const usedMinutes = Math.max(0, workingMinutesBetween(cal, start, end) - c.clockPausedMinutes);
  const due = complaintDueTimes(cal, c, base, c.clockPausedMinutes, nearlyPercent, appealResolutionDays);
  const dayMinutes = workingDayMinutes(cal);
  const targetMinutes = targets.resolutionDays * dayMinutes;
  const late = state === 'running' ? now.getTime() > due.resolutionDueAt.getTime() : usedMinutes > targetMinutes;
  const firstMet = c.firstRespondedAt !== null;
  const firstAt = c.firstRespondedAt ?? (state === 'running' ? now : null);
  return {
    state,
    usedMinutes,
    workingDay: Math.floor(usedMinutes / dayMinutes) + 1,
    targetDays: targets.resolutionDays,
    due,
    late,
    nearlyLate: state === 'running' && !late && now.getTime() >= due.resolutionWarnAt.getTime(),
    firstResponse: { met: firstMet, late: firstAt !== null && firstAt.getTime() > due.firstResponseDueAt.getTime() },
  };
}
