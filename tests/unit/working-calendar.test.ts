import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  isWorkingDay,
  kelantanCalendar,
  workingDaysFrom,
  workingMinutesBetween,
} from '@/lib/calendar/working';
import { calendarDaysFrom } from '@/lib/calendar/days';

// The Kelantan working calendar with fixed clocks, to the minute (Friday and Saturday off,
// 08:00–17:00). Times are written in Malaysia time. 3 Dec 2026 is a Thursday.

const kl = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const cal = kelantanCalendar();

describe('working days', () => {
  it('Friday and Saturday are the weekend; holidays are not worked', () => {
    expect(['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((d) => isWorkingDay(cal, d))).toEqual([true, false, false, true]);
    expect(isWorkingDay(kelantanCalendar(['2026-12-03']), '2026-12-03')).toBe(false);
  });

  it('another state can take Saturday and Sunday off', () => {
    const selangor = { ...cal, weekend: [0, 6] };
    expect(['2026-12-04', '2026-12-05', '2026-12-06'].map((d) => isWorkingDay(selangor, d))).toEqual([true, false, false]);
  });

  it('a run of days, as isWorkingDay says of each (over leap years, month and year ends)', () => {
    const days = calendarDaysFrom('2023-12-25', '2028-03-05');
    expect(days.slice(0, 9)).toEqual(['2023-12-25', '2023-12-26', '2023-12-27', '2023-12-28', '2023-12-29', '2023-12-30', '2023-12-31', '2024-01-01', '2024-01-02']);
    expect(days).toContain('2024-02-29');
    expect(days.at(-1)).toBe('2028-03-05');
    for (const c of [kelantanCalendar(['2024-01-01', '2026-12-03', '2028-02-29']), { ...cal, weekend: [0, 6] }, { ...cal, weekend: [] }]) {
      expect(workingDaysFrom(c, '2023-12-25', '2028-03-05')).toEqual(days.map((day) => ({ day, working: isWorkingDay(c, day) })));
    }
    expect(workingDaysFrom(cal, '2026-12-03', '2026-12-03')).toEqual([{ day: '2026-12-03', working: true }]);
  });
});

describe('the instant N working hours or days after T', () => {
  it('carries over a Friday–Saturday weekend', () => {
    expect(addWorkingHours(cal, kl('2026-12-03 16:00'), 2)).toEqual(kl('2026-12-06 09:00'));
  });

  it('skips a holiday on a Thursday', () => {
    const withHoliday = kelantanCalendar(['2026-12-03']);
    expect(addWorkingHours(withHoliday, kl('2026-12-02 16:00'), 2)).toEqual(kl('2026-12-06 09:00'));
  });

  it('a holiday that falls on the weekend changes nothing (its replacement day is a holiday of its own)', () => {
    expect(addWorkingHours(kelantanCalendar(['2026-12-04']), kl('2026-12-03 16:00'), 2)).toEqual(kl('2026-12-06 09:00'));
  });

  it('crosses a month and a year end', () => {
    // Thu 31 Dec 2026 16:30 + 1 hour: Fri 1 and Sat 2 Jan are the weekend.
    expect(addWorkingHours(cal, kl('2026-12-31 16:30'), 1)).toEqual(kl('2027-01-03 08:30'));
    expect(addWorkingMinutes(cal, kl('2026-11-30 16:59'), 2)).toEqual(kl('2026-12-01 08:01'));
  });

  it('work asked for out of hours starts when the office opens', () => {
    expect(addWorkingMinutes(cal, kl('2026-12-05 10:00'), 0)).toEqual(kl('2026-12-06 08:00'));
    expect(addWorkingMinutes(cal, kl('2026-12-06 06:15'), 30)).toEqual(kl('2026-12-06 08:30'));
    expect(addWorkingMinutes(cal, kl('2026-12-06 19:00'), 1)).toEqual(kl('2026-12-07 08:01'));
  });

  it('15 working days from Sunday 08:00 end on the third Thursday at 17:00', () => {
    expect(addWorkingDays(cal, kl('2026-11-29 08:00'), 15)).toEqual(kl('2026-12-17 17:00'));
    expect(addWorkingDays(cal, kl('2026-11-29 08:00'), 1)).toEqual(kl('2026-11-29 17:00'));
  });

  it('refuses a negative or fractional amount, and a calendar with no working day', () => {
    expect(() => addWorkingMinutes(cal, kl('2026-12-06 09:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, kl('2026-12-06 09:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingMinutes({ ...cal, weekend: [0, 1, 2, 3, 4, 5, 6] }, kl('2026-12-06 09:00'), 1)).toThrow(/no working time/);
  });
});

describe('working time between two instants', () => {
  it('counts only working hours of working days', () => {
    expect(workingMinutesBetween(cal, kl('2026-12-03 16:00'), kl('2026-12-06 09:00'))).toBe(120);
    expect(workingMinutesBetween(kelantanCalendar(['2026-12-06']), kl('2026-12-03 16:00'), kl('2026-12-07 09:00'))).toBe(120);
    expect(workingMinutesBetween(cal, kl('2026-12-04 09:00'), kl('2026-12-05 18:00'))).toBe(0);
    expect(workingMinutesBetween(cal, kl('2026-12-06 12:00'), kl('2026-12-06 11:00'))).toBe(0);
    expect(workingMinutesBetween(cal, kl('2026-12-31 07:00'), kl('2027-01-03 12:30'))).toBe(9 * 60 + 4 * 60 + 30);
  });

  it('agrees with addWorkingMinutes, minute for minute', () => {
    const cal2 = kelantanCalendar(['2026-12-03', '2026-12-25']);
    for (const start of [kl('2026-12-02 15:37'), kl('2026-12-05 23:59'), kl('2026-12-24 08:00')]) {
      for (const n of [0, 1, 59, 540, 541, 2000, 8100]) {
        expect(workingMinutesBetween(cal2, start, addWorkingMinutes(cal2, start, n)), `${start.toISOString()} + ${n}`).toBe(n);
      }
    }
  });
});
