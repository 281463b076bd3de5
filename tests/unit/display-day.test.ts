import { describe, expect, it } from 'vitest';
import { formatDisplayDay, parseDisplayDay } from '@/lib/calendar/display-day';

// Days typed in the console's filters: dd-MM-yyyy whatever the browser's language.

describe('dd-MM-yyyy days', () => {
  it('reads dd-MM-yyyy (with - / or . between) and canonical yyyy-MM-dd as the same CalendarDay', () => {
    for (const typed of ['05-03-2026', '05/03/2026', '05.03.2026', ' 05-03-2026 ', '2026-03-05']) {
      expect(parseDisplayDay(typed), typed).toBe('2026-03-05');
    }
    expect(parseDisplayDay('29-02-2024')).toBe('2024-02-29');
  });

  it('refuses days that do not exist, mm/dd/yyyy, short forms and other types', () => {
    for (const bad of ['29-02-2023', '31-04-2026', '03/13/2026', '5-3-2026', '05-03-26', '00-01-2026', '05-03-0202', '', 'esok', null, 20260305]) {
      expect(parseDisplayDay(bad), String(bad)).toBeNull();
    }
  });

  it('writes a CalendarDay back as dd-MM-yyyy, and refuses a non-day', () => {
    expect(formatDisplayDay('2026-03-05')).toBe('05-03-2026');
    expect(parseDisplayDay(formatDisplayDay('2024-12-31'))).toBe('2024-12-31');
    expect(() => formatDisplayDay('05-03-2026')).toThrow(RangeError);
  });
});
