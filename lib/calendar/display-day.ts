import { parseCalendarDay, type CalendarDay } from './days';

// Days as people type and read them: dd-MM-yyyy, in both languages (what the seed guide and every
// date on screen use). The console's date filters are text boxes in this format rather than
// <input type="date">, whose format and words follow the browser's language, not the page's.
// URLs and SQL keep the canonical `yyyy-MM-dd` CalendarDay.

/** For the input's `pattern` attribute: two digits, two digits, four digits. */
export const DISPLAY_DAY_PATTERN = '\\d{2}[\\-/.]\\d{2}[\\-/.]\\d{4}';

/**
 * A typed day (`dd-MM-yyyy`; `/` or `.` between the parts also accepted, as people type them)
 * or a canonical `yyyy-MM-dd` (links made before the change) as a real CalendarDay, else null.
 */
export function parseDisplayDay(value: unknown): CalendarDay | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const m = /^(\d{2})[-/.](\d{2})[-/.](\d{4})$/.exec(v);
  return parseCalendarDay(m ? `${m[3]}-${m[2]}-${m[1]}` : v);
}

/** A CalendarDay as `dd-MM-yyyy`. Throws on a non-day. */
export function formatDisplayDay(day: CalendarDay): string {
  if (parseCalendarDay(day) === null) throw new RangeError(`not a calendar day: ${JSON.stringify(day)}`);
  return `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;
}
