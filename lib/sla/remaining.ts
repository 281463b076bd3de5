import { workingDayMinutes, workingMinutesBetween, type WorkingCalendar } from '@/lib/calendar/working';

// How far a due time is from now, in the working time the clock counts: "2 hari 3 jam lagi",
// "Lewat 4 jam". Past the due time is late the moment `now` passes it (as serviceClock says),
// even when no working minute has gone by since (a due time at closing, read in the evening).

export type DueDistance = { late: boolean; days: number; hours: number; minutes: number };

export function dueDistance(cal: WorkingCalendar, due: Date, now: Date): DueDistance {
  const late = now.getTime() > due.getTime();
  const total = late ? workingMinutesBetween(cal, due, now) : workingMinutesBetween(cal, now, due);
  const day = workingDayMinutes(cal);
  return { late, days: Math.floor(total / day), hours: Math.floor((total % day) / 60), minutes: total % 60 };
}
