import { sql, type SQL } from 'drizzle-orm';
import { isWorkingDay, workingDayMinutes, type WorkingCalendar } from '@/lib/calendar/working';
import { startOfMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import { MALAYSIA_TZ } from '@/lib/calendar/zone';

// Working time in SQL, for reports over many complaints (lib/calendar/working.ts answers it for
// one pair of instants in JS). Every day a report can touch becomes one row of a small table
// built from the working calendar: the day, whether it is worked, and the working minutes of all
// the days before it. An instant's "working offset" is then its day's minutes before it plus the
// worked part of its own day (clamped to the day's hours), and the working minutes between two
// instants are the difference of their offsets: two hash joins on the day, no per-row loop and no
// function call per row, so a year over a million complaints stays one scan.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type WorkDays = {
  /** The days covered, `yyyy-MM-dd`, consecutive. */
  days: CalendarDay[];
  /** Working minutes in all covered days before each day. */
  before: number[];
  working: boolean[];
  start: number;
  length: number;
};

/** The table for every day from `first` to `last` (inclusive). */
export function workDays(cal: WorkingCalendar, first: CalendarDay, last: CalendarDay): WorkDays {
  const days: CalendarDay[] = [];
  const before: number[] = [];
  const working: boolean[] = [];
  const len = workingDayMinutes(cal);
  let total = 0;
  // Malaysia has one offset all year: stepping a date's UTC midnight by 24 hours steps the date.
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let d = Date.parse(`${first}T00:00:00Z`); d <= end; d += DAY) {
    const day = new Date(d).toISOString().slice(0, 10);
    const w = isWorkingDay(cal, day);
    days.push(day);
    before.push(total);
    working.push(w);
    if (w) total += len;
  }
  return { days, before, working, start: cal.hours.start, length: len };
}

/** `with wd as (…)`: the table above as a CTE named `wd` (day date, before bigint, working bool). */
export function workDaysCte(w: WorkDays): SQL {
  return sql`wd as (
    select d::date as day, b::bigint as before, x as working
    from unnest(${`{${w.days.join(',')}}`}::text[], ${`{${w.before.join(',')}}`}::bigint[], ${`{${w.working.join(',')}}`}::boolean[]) as t(d, b, x)
  )`;
}

/** The Malaysia date of an instant column, for joining `wd`. */
export const malaysiaDate = (at: SQL) => sql`((${at}) at time zone ${MALAYSIA_TZ})::date`;

/**
 * The working offset (fractional minutes) of instant `at` whose day row is aliased `alias`
 * (joined on `alias.day = malaysiaDate(at)`).
 */
export function workingOffset(w: WorkDays, at: SQL, alias: string): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.before + case when ${a}.working then least(greatest(extract(epoch from ((${at}) at time zone ${MALAYSIA_TZ}) - ${a}.day::timestamp) / 60 - ${w.start}, 0), ${w.length}) else 0 end)`;
}

/** Whole working minutes between two offsets (0 when the second is not later), as JS counts them. */
export const workingBetween = (from: SQL, to: SQL) => sql`greatest(floor(${to} - ${from}), 0)`;

/** The instant a Malaysia day begins, for range bounds. */
export const dayStart = (day: CalendarDay) => startOfMalaysiaDay(day);
