import { addDays, differenceInCalendarDays, format, parse, subMonths } from 'date-fns';
import { inMalaysia, malaysiaWallClock } from './zone';

// Malaysia calendar days. A day is written `yyyy-MM-dd` (what <input type="date"> sends and what
// URLs keep); an instant belongs to the Malaysia day its wall clock shows in Kuala Lumpur, so
// 23:30 UTC is already the next day. Working days, holidays and hours (service levels) are meant to
// be built on these: a day's string, its first instant, and day differences.

/** A Malaysia calendar date, `yyyy-MM-dd`. */
export type CalendarDay = string;

const DAY_FORMAT = 'yyyy-MM-dd';
const DAY_MS = 86_400_000;
// Dates this helpdesk can mean. Keeps typos such as 0202-01-01 or 20266-01-01 out of SQL, and the
// day after the last one still has a four-digit year that Postgres and ISO text read plainly.
const YEARS = { min: 1900, max: 2999 };

/** The value as a real calendar day in canonical `yyyy-MM-dd` form, else null (never throws). */
export function parseCalendarDay(value: unknown): CalendarDay | null {
  // A day's validity is plain Gregorian arithmetic, no time zone: checked by hand because reports
  // format hundreds of days a page and a zoned parse costs ~0.2 ms each.
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < YEARS.min || y > YEARS.max || mo < 1 || mo > 12 || d < 1) return null;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() ? value : null;
}

export function isCalendarDay(value: unknown): value is CalendarDay {
  return parseCalendarDay(value) !== null;
}

/** The Malaysia date an instant falls on. */
export function malaysiaDay(at: Date): CalendarDay {
  const wall = malaysiaWallClock(at);
  return wall ? wall.toISOString().slice(0, 10) : format(at, DAY_FORMAT, { in: inMalaysia });
}

/** The instant Malaysia's `day` begins (its midnight in Kuala Lumpur). Throws on a non-day. */
export function startOfMalaysiaDay(day: CalendarDay): Date {
  return new Date(midnight(day).getTime());
}

/** The instant the Malaysia day after `day` begins: the exclusive end of `day`. Throws on a non-day. */
export function startOfNextMalaysiaDay(day: CalendarDay): Date {
  return new Date(addDays(midnight(day), 1).getTime());
}

/** The Malaysia day `n` days after `day` (before it when `n` is negative). Throws on a non-day. */
export function addMalaysiaDays(day: CalendarDay, n: number): CalendarDay {
  return format(addDays(midnight(day), n), DAY_FORMAT, { in: inMalaysia });
}

/**
 * Every day from `first` to `last` (inclusive), in order: calendar arithmetic on the dates
 * themselves (no zone involved), for callers that walk a year of days at once.
 */
export function calendarDaysFrom(first: CalendarDay, last: CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let d = Date.parse(`${first}T00:00:00Z`); d <= end; d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

// Returned as plain Dates above, so drivers and JSON see an ordinary instant, not a zoned subclass.
function midnight(day: CalendarDay) {
  if (parseCalendarDay(day) === null) throw new RangeError(`not a calendar day: ${JSON.stringify(day)}`);
  return parse(day, DAY_FORMAT, new Date(0), { in: inMalaysia });
}

/** Whole Malaysia calendar days from `from` to `to` (negative when `to` is on an earlier day). */
export function malaysiaDaysBetween(from: Date, to: Date): number {
  const [a, b] = [malaysiaWallClock(from), malaysiaWallClock(to)];
  if (a && b) return Math.floor(b.getTime() / DAY_MS) - Math.floor(a.getTime() / DAY_MS);
  return differenceInCalendarDays(to, from, { in: inMalaysia });
}

/** The Malaysia date of an instant as days since 1970-01-01: a number to index or compare days by. */
export function malaysiaDayNumber(at: Date): number {
  return malaysiaDaysBetween(new Date(0), at);
}

/** The instant `months` Malaysia calendar months before `at` (the end of a shorter month is kept). */
export function monthsBefore(at: Date, months: number): Date {
  return new Date(subMonths(at, months, { in: inMalaysia }).getTime());
}
