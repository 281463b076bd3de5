import { differenceInCalendarDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { malaysiaDay, malaysiaDaysBetween } from '@/lib/calendar/days';
import { formatMyDateTime } from '@/lib/calendar/format';
import { inMalaysia, malaysiaWallClock } from '@/lib/calendar/zone';

// The fixed-offset path (lib/calendar/zone.ts malaysiaWallClock) must give what the zoned
// date-fns path gives for every instant, including before 1982 (UTC+07:30 then, so it steps aside).

const zonedDay = (at: Date) => format(at, 'yyyy-MM-dd', { in: inMalaysia });
const zonedDateTime = (at: Date) => format(at, 'dd-MM-yyyy HH:mm', { in: inMalaysia });

// A fixed pseudo-random sequence, so a failure can be replayed.
function* instants(n: number, from: number, to: number) {
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield new Date(from + ((x >>> 0) / 2 ** 32) * (to - from));
  }
}

describe('Malaysia wall clock', () => {
  const edges = [
    '1981-12-31T15:59:59.999Z', // 23:29:59.999 on 31 Dec 1981 (UTC+07:30)
    '1981-12-31T16:00:00.000Z', // 00:00 on 1 Jan 1982: 23:30 became midnight, half an hour forward
    '1981-12-31T16:30:00.000Z',
    '2026-11-29T15:59:59.999Z', // 23:59:59.999 in Kuala Lumpur
    '2026-11-29T16:00:00.000Z', // midnight in Kuala Lumpur
    '2024-02-28T16:00:00.000Z', // 29 February
    '2099-12-31T16:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
  ].map((s) => new Date(s));

  it('gives the zoned date and time for instants from 1970 to 2100, at day edges and across 1982', () => {
    for (const at of [...edges, ...instants(20_000, Date.UTC(1970, 0, 1), Date.UTC(2100, 0, 1))]) {
      expect(malaysiaDay(at), at.toISOString()).toBe(zonedDay(at));
      expect(formatMyDateTime(at), at.toISOString()).toBe(zonedDateTime(at));
    }
  });

  it('counts calendar days between two instants as the zoned path does', () => {
    const list = [...edges, ...instants(2_000, Date.UTC(1975, 0, 1), Date.UTC(2090, 0, 1))];
    for (let i = 0; i < list.length - 1; i++) {
      const [a, b] = [list[i], list[i + 1]];
      expect(malaysiaDaysBetween(a, b), `${a.toISOString()} → ${b.toISOString()}`).toBe(differenceInCalendarDays(b, a, { in: inMalaysia }));
    }
  });

  it('steps aside before 1982, where Malaysia was not yet on UTC+08:00', () => {
    expect(malaysiaWallClock(new Date('1981-12-31T15:59:59.999Z'))).toBeNull();
    expect(malaysiaWallClock(new Date('1981-12-31T16:00:00.000Z'))?.toISOString()).toBe('1982-01-01T00:00:00.000Z');
    expect(malaysiaWallClock(new Date(Number.NaN))).toBeNull();
  });
});
