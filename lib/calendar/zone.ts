import { tz, tzOffset } from '@date-fns/tz';

// The one place that names the agency's time zone. Every Malaysia date or time in the code (display,
// numbering, aging, date filters, next-intl) is computed in it, whatever zone the server runs in.
// SQL that needs the zone takes MALAYSIA_TZ as a bound parameter.

export const MALAYSIA_TZ = 'Asia/Kuala_Lumpur';

/** date-fns context: pass as `{ in: inMalaysia }` to compute in Malaysia time. */
export const inMalaysia = tz(MALAYSIA_TZ);

// Malaysia has kept UTC+08:00, with no daylight saving, since 1 January 1982. Within that span its
// wall clock is the UTC clock moved 8 hours: a Date's UTC fields then read as Kuala Lumpur's date
// and time, ~100× cheaper than a zoned date-fns call (the console ages and dates every row it
// shows). The span is checked at load against the time-zone data this process uses, twice a year
// to 2100; if the data ever disagrees (a new offset announced), it ends before the change.
const OFFSET_MS = 8 * 3_600_000;
const FIXED_FROM = Date.UTC(1981, 11, 31, 16); // 1982-01-01 00:00 in Kuala Lumpur
const FIXED_UNTIL = ((): number => {
  for (let year = 1982; year <= 2100; year++) {
    for (const month of [0, 6]) {
      const at = Date.UTC(year, month, 1);
      if (tzOffset(MALAYSIA_TZ, new Date(at)) !== 480) return Date.UTC(year, month - 6, 1);
    }
  }
  return Date.UTC(2101, 0, 1);
})();

/**
 * `at` moved to Malaysia wall-clock time (read its UTC fields: getUTCHours, toISOString, …), or
 * null outside the fixed-offset span, where callers take the zoned path.
 */
export function malaysiaWallClock(at: Date): Date | null {
  const t = at.getTime();
  return t >= FIXED_FROM && t < FIXED_UNTIL ? new Date(t + OFFSET_MS) : null;
}
