import { getDay } from 'date-fns';
import { malaysiaDay, startOfMalaysiaDay, startOfNextMalaysiaDay, type CalendarDay } from './days';
import { inMalaysia } from './zone';

// Working time on a Malaysian state calendar, to the minute: which days are worked (a weekend of
// the state's choosing, public holidays), the hours of each working day, and the two questions
// service levels ask: how much working time lies between two instants, and which instant lies N
// working minutes, hours or days after another. Malaysia keeps one offset all year, so a working
// day's hours are fixed minutes after its midnight.

export type WorkingCalendar = {
  /** Days of the week not worked: 0 = Sunday … 6 = Saturday (Kelantan: Friday and Saturday). */
  weekend: readonly number[];
  /** Hours of each working day, as minutes after midnight: from `start` up to (not including) `end`. */
  hours: { start: number; end: number };
  /** Public holidays, `yyyy-MM-dd`. */
  holidays: ReadonlySet<CalendarDay>;
};

const MINUTE = 60_000;
// Far beyond any service level; stops a calendar without working days from looping for ever.
const MAX_DAYS = 3660;

/** Kelantan: Friday and Saturday off, 08:00 to 17:00, and the holidays given. */
export function kelantanCalendar(holidays: Iterable<CalendarDay> = []): WorkingCalendar {
  return { weekend: [5, 6], hours: { start: 8 * 60, end: 17 * 60 }, holidays: new Set(holidays) };
}

export function isWorkingDay(cal: WorkingCalendar, day: CalendarDay): boolean {
  return !cal.weekend.includes(getDay(startOfMalaysiaDay(day), { in: inMalaysia })) && !cal.holidays.has(day);
}

/** Minutes of working time in one working day. */
export const workingDayMinutes = (cal: WorkingCalendar) => cal.hours.end - cal.hours.start;

/** Working minutes from `from` up to `to` (0 when `to` is not later), whole minutes. */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  let ms = 0;
  for (const { open, close } of workingWindows(cal, from)) {
    if (open >= to.getTime()) break;
    ms += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return Math.floor(ms / MINUTE);
}

/**
 * The instant `minutes` working minutes after `from`. With 0, `from` itself inside working hours,
 * else the next opening: work asked for out of hours starts when the office opens.
 */
export function addWorkingMinutes(cal: WorkingCalendar, from: Date, minutes: number): Date {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`working minutes must be a whole number ≥ 0: ${minutes}`);
  let left = minutes * MINUTE;
  for (const { open, close } of workingWindows(cal, from)) {
    const start = Math.max(open, from.getTime());
    if (start >= close) continue;
    if (left <= close - start) return new Date(start + left);
    left -= close - start;
  }
  throw new RangeError('no working time within ten years: check the weekend and the holidays');
}

export const addWorkingHours = (cal: WorkingCalendar, from: Date, hours: number) => addWorkingMinutes(cal, from, hours * 60);

/** N working days after `from`: N full working days of working time (15 days from Sunday 08:00 end on the third Thursday at 17:00). */
export const addWorkingDays = (cal: WorkingCalendar, from: Date, days: number) => addWorkingMinutes(cal, from, days * workingDayMinutes(cal));

/** The working hours of each working day from the day of `from` on, as epoch milliseconds. */
function* workingWindows(cal: WorkingCalendar, from: Date): Generator<{ open: number; close: number }> {
  let day = malaysiaDay(from);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (isWorkingDay(cal, day)) {
      const midnight = startOfMalaysiaDay(day).getTime();
      yield { open: midnight + cal.hours.start * MINUTE, close: midnight + cal.hours.end * MINUTE };
    }
    day = malaysiaDay(startOfNextMalaysiaDay(day));
  }
}
