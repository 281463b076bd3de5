import { afterEach, describe, expect, it } from 'vitest';
import { agingDays } from '@/lib/calendar/aging';
import {
  addMalaysiaDays,
  isCalendarDay,
  malaysiaDay,
  malaysiaDaysBetween,
  parseCalendarDay,
  startOfMalaysiaDay,
  startOfNextMalaysiaDay,
} from '@/lib/calendar/days';
import { formatMalaysia, formatMyDateTime } from '@/lib/calendar/format';
import { parseIsoInstant } from '@/lib/calendar/instant';
import { complaintNumber } from '@/lib/complaints/number';

// Every Malaysia date and time comes from lib/calendar; these pin the rules it holds, written with
// UTC instants so none of them depends on the zone the tests run in.

const utc = (iso: string) => new Date(iso);

describe('Malaysia days of instants', () => {
  it('puts 23:30 UTC on the next Malaysia day', () => {
    expect(malaysiaDay(utc('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(malaysiaDay(utc('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(malaysiaDay(utc('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(malaysiaDay(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('counts calendar days across midnight in Kuala Lumpur, not in UTC', () => {
    // 23:59 → 00:01 in Kuala Lumpur: one day, though both are 31 January in UTC.
    expect(malaysiaDaysBetween(utc('2026-01-31T15:59:00Z'), utc('2026-01-31T16:01:00Z'))).toBe(1);
    expect(agingDays(utc('2026-01-31T15:59:00Z'), null, utc('2026-01-31T16:01:00Z'))).toBe(1);
    // 07:00 → 09:00 in Kuala Lumpur: the same day, though UTC midnight lies between.
    expect(malaysiaDaysBetween(utc('2026-01-30T23:00:00Z'), utc('2026-01-31T01:00:00Z'))).toBe(0);
    expect(agingDays(utc('2026-01-30T23:00:00Z'), null, utc('2026-01-31T01:00:00Z'))).toBe(0);
    expect(malaysiaDaysBetween(utc('2026-03-05T00:00:00Z'), utc('2026-03-01T00:00:00Z'))).toBe(-4);
  });

  describe('whatever zone the server runs in', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      it(`gives the same answers with TZ=${zone}`, () => {
        process.env.TZ = zone;
        expect(malaysiaDay(utc('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
        expect(startOfMalaysiaDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
        expect(formatMyDateTime(utc('2021-01-17T06:51:00Z'))).toBe('17-01-2021 14:51');
        expect(agingDays(utc('2026-01-31T15:59:00Z'), null, utc('2026-01-31T16:01:00Z'))).toBe(1);
      });
    }
  });
});

describe('calendar day validation', () => {
  it('accepts real days, leap days included', () => {
    expect(parseCalendarDay('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDay('2026-12-31')).toBe('2026-12-31');
    expect(parseCalendarDay('2000-02-29')).toBe('2000-02-29');
    expect(isCalendarDay('2026-01-01')).toBe(true);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-04-31', '31 April'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-2-3', 'one-digit month and day'],
    ['2026-02-3 ', 'trailing space'],
    [' 2026-02-03', 'leading space'],
    ['2026-02-03T00:00', 'a time'],
    ['20260203', 'no dashes'],
    ['03-02-2026', 'day first'],
    ['0202-01-01', 'a typo for 2020'],
    ['1899-12-31', 'before 1900'],
    ['3000-01-01', 'after 2999'],
    ['garbage', 'garbage'],
    ['', 'empty'],
  ])('refuses %j (%s)', (value) => {
    expect(parseCalendarDay(value)).toBeNull();
    expect(isCalendarDay(value)).toBe(false);
  });

  it('refuses what is not a string, without throwing', () => {
    for (const value of [undefined, null, 20240229, ['2024-02-29'], { day: '2024-02-29' }]) {
      expect(parseCalendarDay(value)).toBeNull();
    }
  });
});

describe('start of a Malaysia day', () => {
  it('is midnight in Kuala Lumpur, as an instant', () => {
    expect(startOfMalaysiaDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfNextMalaysiaDay('2026-03-02').toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(startOfNextMalaysiaDay('2024-02-28').toISOString()).toBe('2024-02-28T16:00:00.000Z'); // 29 Feb begins
    expect(startOfNextMalaysiaDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(malaysiaDay(startOfMalaysiaDay('2026-03-02'))).toBe('2026-03-02');
  });

  it('follows the zone database, not a fixed +08:00 (Malaysia was UTC+7:30 until 1982)', () => {
    expect(startOfMalaysiaDay('1981-12-31').toISOString()).toBe('1981-12-30T16:30:00.000Z');
    // 1 January 1982 began at +08:00, so 31 December 1981 lasted 23½ hours.
    expect(startOfNextMalaysiaDay('1981-12-31').toISOString()).toBe('1981-12-31T16:00:00.000Z');
  });

  it('days before and after a day, across month, leap-day and year ends', () => {
    expect(addMalaysiaDays('2026-03-02', -5)).toBe('2026-02-25');
    expect(addMalaysiaDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMalaysiaDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMalaysiaDays('2026-01-15', -30)).toBe('2025-12-16');
    expect(addMalaysiaDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(() => addMalaysiaDays('2023-02-29', 1)).toThrow(RangeError);
  });

  it('is a plain Date, and refuses a day that does not exist', () => {
    expect(startOfMalaysiaDay('2026-03-02').constructor).toBe(Date);
    expect(() => startOfMalaysiaDay('2023-02-29')).toThrow(RangeError);
    expect(() => startOfNextMalaysiaDay('nonsense')).toThrow(RangeError);
  });
});

describe('Malaysia time formatting', () => {
  it('formats dd-MM-yyyy HH:mm in Malaysia time', () => {
    expect(formatMyDateTime(utc('2021-01-17T06:51:00Z'))).toBe('17-01-2021 14:51');
    expect(formatMyDateTime(utc('2021-12-31T16:00:00Z'))).toBe('01-01-2022 00:00');
  });

  it('stamps complaint numbers with yyMMddHHmmss in Malaysia time, midnight as 00', () => {
    expect(formatMalaysia(utc('2021-01-17T07:59:18Z'), 'yyMMddHHmmss')).toBe('210117155918');
    expect(formatMalaysia(utc('2021-01-16T16:00:00Z'), 'yyMMddHHmmss')).toBe('210117000000');
    expect(complaintNumber('PKN', utc('2021-01-16T16:30:00Z'))).toMatch(/^PKN210117003000\d{3}$/);
  });
});

describe('ISO instants', () => {
  it('reads Postgres microsecond text to the millisecond', () => {
    expect(parseIsoInstant('2026-03-02T15:59:59.999999Z')?.toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(parseIsoInstant('2026-03-01T16:30:00.000000Z')?.toISOString()).toBe('2026-03-01T16:30:00.000Z');
  });

  it('refuses times that do not exist', () => {
    expect(parseIsoInstant('2026-02-30T00:00:00.000000Z')).toBeNull();
    expect(parseIsoInstant('2026-03-01T25:00:00.000000Z')).toBeNull();
    expect(parseIsoInstant('nonsense')).toBeNull();
  });
});
