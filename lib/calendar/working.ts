import { getDay } from 'date-fns';
import { calendarDaysFrom, malaysiaDay, startOfMalaysiaDay, type CalendarDay } from './days';
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
const DAY = 24 * 60 * MINUTE;
// Far beyond any service level; stops a calendar without working days from looping for ever.
const MAX_DAYS = 3660;

/** Kelantan: Friday and Saturday off, 08:00 to 17:00, and the holidays given. */
export function kelantanCalendar(holidays: Iterable<CalendarDay> = []): WorkingCalendar {
  return { weekend: [5, 6], hours: { start: 8 * 60, end: 17 * 60 }, holidays: new Set(holidays) };
}

export function isWorkingDay(cal: WorkingCalendar, day: CalendarDay): boolean {
  return !cal.weekend.includes(getDay(startOfMalaysiaDay(day), { in: inMalaysia })) && !cal.holidays.has(day);
}

/**
 * isWorkingDay for every day from `first` to `last` (inclusive): the first day's weekday is
 * worked out in Malaysia once and then stepped (a date's weekday follows from the date), so a
 * year of days costs no time-zone conversion per day (lib/reports/working-sql.ts).
 */
export function workingDaysFrom(cal: WorkingCalendar, first: CalendarDay, last: CalendarDay): { day: CalendarDay; working: boolean }[] {
  const weekday = getDay(startOfMalaysiaDay(first), { in: inMalaysia });
  return calendarDaysFrom(first, last).map((day, i) => ({ day, working: !cal.weekend.includes((weekday + i) % 7) && !cal.holidays.has(day) }));
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

/**
 * The working hours of each working day from the day of `from` on, as epoch milliseconds.
 * Malaysia keeps one offset all year (no daylight saving since 1982), so each day begins 24 hours
 * after the one before: the zone is asked once per call (and a day's midnight is remembered), not
 * once per day. Asking it for each of the ~21 days a 15-working-day target spans made one due time
 * cost ~10 ms, and a check over 10,000 complaints minutes. The weekday and the `yyyy-MM-dd` of
 * each later day follow from the first day's by arithmetic on its date, not on a zone.
 */
function* workingWindows(cal: WorkingCalendar, from: Date): Generator<{ open: number; close: number }> {
  const first = malaysiaDay(from);
  let midnight = midnightOf(first);
  // The first day's date as a UTC instant: stepping it by 24 hours steps the date.
  let date = Date.parse(`${first}T00:00:00Z`);
  for (let i = 0; i < MAX_DAYS; i++) {
    const weekday = new Date(date).getUTCDay();
    if (!cal.weekend.includes(weekday) && !(cal.holidays.size > 0 && cal.holidays.has(new Date(date).toISOString().slice(0, 10)))) {
      yield { open: midnight + cal.hours.start * MINUTE, close: midnight + cal.hours.end * MINUTE };
    }
    midnight += DAY;
    date += DAY;
  }
}

const midnights = new Map<CalendarDay, number>();

/** Malaysia midnight of a day, remembered (a few hundred days a year are ever asked for). */
function midnightOf(day: CalendarDay): number {
  let at = midnights.get(day);
  if (at === undefined) {
    if (midnights.size > 10_000) midnights.clear();
    at = startOfMalaysiaDay(day).getTime();
    midnights.set(day, at);
  }
  return at;
}
