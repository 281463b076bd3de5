import { sql, type SQL } from 'drizzle-orm';
import { workingDayMinutes, workingDaysFrom, type WorkingCalendar } from '@/lib/calendar/working';
import { startOfMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';

// Working time in SQL, for reports over many complaints (lib/calendar/working.ts answers it for
// one pair of instants in JS). Every day a report can touch becomes one row of a small table
// built from the working calendar: the day, whether it is worked, and the working minutes of all
// the days before it. An instant's "working offset" is then its day's minutes before it plus the
// worked part of its own day (clamped to the day's hours), and the working minutes between two
// instants are the difference of their offsets: two hash joins on the day, no per-row loop and no
// function call per row, so a year over a million complaints stays one scan.


export type WorkDays = {
  /** The days covered, `yyyy-MM-dd`, consecutive. */
  days: CalendarDay[];
  /** Working minutes in all covered days before each day. */
  before: number[];
  working: boolean[];
  start: number;
  length: number;
  /** Malaysia's offset from UTC in seconds, from the zone (one offset all year). */
  offset: number;
};

/** The table for every day from `first` to `last` (inclusive). */
export function workDays(cal: WorkingCalendar, first: CalendarDay, last: CalendarDay): WorkDays {
  const days: CalendarDay[] = [];
  const before: number[] = [];
  const working: boolean[] = [];
  const len = workingDayMinutes(cal);
  let total = 0;
  for (const { day, working: w } of workingDaysFrom(cal, first, last)) {
    days.push(day);
    before.push(total);
    working.push(w);
    if (w) total += len;
  }
  const offset = (Date.parse(`${first}T00:00:00Z`) - startOfMalaysiaDay(first).getTime()) / 1000;
  return { days, before, working, start: cal.hours.start, length: len, offset };
}

/** `with wd as (…)`: the table above as a CTE named `wd` (day date, before bigint, working bool). */
export function workDaysCte(w: WorkDays): SQL {
  return sql`wd as (
    select d::date as day, (d::date - date '1970-01-01') as dayno, b::float8 as before, x as working
    from unnest(${`{${w.days.join(',')}}`}::text[], ${`{${w.before.join(',')}}`}::float8[], ${`{${w.working.join(',')}}`}::boolean[]) as t(d, b, x)
  )`;
}

/**
 * The Malaysia day of an instant as days since 1970-01-01 (joins `wd.dayno`): plain arithmetic on
 * the epoch and the zone's fixed offset, no time-zone conversion per row.
 */
export const dayKey = (w: WorkDays, at: SQL) => sql`floor((date_part('epoch', ${at}) + ${w.offset}::float8) / 86400)::int`;

/**
 * The working offset (fractional minutes) of instant `at` whose day row is aliased `alias`
 * (joined on `alias.dayno = dayKey(at)`). date_part answers double precision (extract answers
 * numeric, several times slower at scale).
 */
export function workingOffset(w: WorkDays, at: SQL, alias: string): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.before + case when ${a}.working then least(greatest((date_part('epoch', ${at}) + ${w.offset}::float8 - ${a}.dayno::float8 * 86400) / 60 - ${w.start}, 0), ${w.length}) else 0 end)`;
}

/** Whole working minutes between two offsets (0 when the second is not later), as JS counts them. */
export const workingBetween = (from: SQL, to: SQL) => sql`greatest(floor(${to} - ${from}), 0)`;

/** The instant a Malaysia day begins, for range bounds. */
export const dayStart = (day: CalendarDay) => startOfMalaysiaDay(day);
