import { describe, expect, it } from 'vitest';
import { agingDays } from '@/lib/calendar/aging';
import { malaysiaDayNumber } from '@/lib/calendar/days';
import type { ComplaintStatus } from '@/lib/db/schema';
import {
  IllegalTransitionError,
  STATUSES,
  allowedMoves,
  assertMove,
  canMove,
  closingNeedsReason,
  isOpen,
  statusAfterFeedback,
} from '@/lib/complaints/status';

/** A Malaysia wall-clock time (UTC+8, no daylight saving) as an instant. */
const myt = (local: string) => new Date(`${local}+08:00`);

describe('agingDays (Bil Aging Aduan), on Malaysia dates', () => {
  it('counts one day from 23:59 to 00:01 the next Malaysia day', () => {
    const submitted = new Date('2026-01-31T15:59:00Z'); // 23:59 MYT on 31 Jan
    const now = new Date('2026-01-31T16:01:00Z'); // 00:01 MYT on 1 Feb
    expect(agingDays(submitted, null, now)).toBe(1);
  });

  it('counts zero within the same Malaysia day, even across a UTC midnight', () => {
    expect(agingDays(myt('2026-01-31T00:01:00'), null, myt('2026-01-31T23:59:00'))).toBe(0);
    // 07:00 MYT and 09:00 MYT are on different UTC dates but the same Malaysia date.
    expect(agingDays(new Date('2026-01-30T23:00:00Z'), null, new Date('2026-01-31T01:00:00Z'))).toBe(0);
  });

  it('crosses a month end', () => {
    expect(agingDays(myt('2026-01-31T10:00:00'), null, myt('2026-02-01T09:00:00'))).toBe(1);
    expect(agingDays(myt('2026-02-28T10:00:00'), null, myt('2026-03-01T09:00:00'))).toBe(1); // 2026 is not a leap year
    expect(agingDays(myt('2026-12-31T23:30:00'), null, myt('2027-01-01T00:30:00'))).toBe(1);
  });

  it('counts the leap day', () => {
    expect(agingDays(myt('2028-02-28T10:00:00'), null, myt('2028-03-01T09:00:00'))).toBe(2);
  });

  it('stops counting at closing', () => {
    const submitted = myt('2026-03-01T10:00:00');
    const closed = myt('2026-03-04T16:00:00');
    const muchLater = myt('2026-06-30T12:00:00');
    expect(agingDays(submitted, closed, muchLater)).toBe(3);
    expect(agingDays(submitted, null, muchLater)).toBe(121);
  });

  it("matches the guide's example: submitted 17-01-2021 14:51, seen 28-01-2021 → 11 days", () => {
    const submitted = myt('2021-01-17T14:51:00');
    expect(agingDays(submitted, null, myt('2021-01-28T00:00:00'))).toBe(11);
    expect(agingDays(submitted, null, myt('2021-01-28T23:59:59'))).toBe(11);
  });

  it('never goes negative', () => {
    expect(agingDays(myt('2026-05-02T10:00:00'), null, myt('2026-05-01T10:00:00'))).toBe(0);
  });

  it('numbers Malaysia dates consecutively', () => {
    expect(malaysiaDayNumber(myt('2026-02-01T00:00:00')) - malaysiaDayNumber(myt('2026-01-31T23:59:59'))).toBe(1);
    expect(malaysiaDayNumber(myt('2026-01-01T00:00:00'))).toBe(Date.UTC(2026, 0, 1) / 86_400_000);
    expect(malaysiaDayNumber(new Date('2025-12-31T16:00:00Z'))).toBe(Date.UTC(2026, 0, 1) / 86_400_000);
  });
});

describe('status rules', () => {
  // The table in lib/complaints/status.ts, written out again so a change to it is deliberate.
  const allowed: Record<ComplaintStatus, ComplaintStatus[]> = {
    baru: ['dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup'],
    dalam_tindakan: ['menunggu_pengadu', 'selesai', 'ditutup'],
    menunggu_pengadu: ['dalam_tindakan', 'selesai', 'ditutup'],
    selesai: ['dalam_tindakan', 'ditutup'],
    ditutup: [],
  };

  it('knows the five statuses', () => {
    expect([...STATUSES].sort()).toEqual(['baru', 'dalam_tindakan', 'ditutup', 'menunggu_pengadu', 'selesai']);
  });

  for (const from of Object.keys(allowed) as ComplaintStatus[]) {
    for (const to of Object.keys(allowed) as ComplaintStatus[]) {
      const ok = allowed[from].includes(to);
      it(`${ok ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canMove(from, to)).toBe(ok);
        if (ok) {
          expect(() => assertMove(from, to)).not.toThrow();
        } else {
          let err: unknown;
          try {
            assertMove(from, to);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(IllegalTransitionError);
          expect(err).toMatchObject({ from, to, name: 'IllegalTransitionError' });
        }
      });
    }
    it(`lists the moves from ${from}`, () => {
      expect([...allowedMoves(from)].sort()).toEqual([...allowed[from]].sort());
    });
  }

  it('never moves to new, and never out of closed', () => {
    for (const s of STATUSES) {
      expect(canMove(s, 'baru')).toBe(false);
      expect(canMove('ditutup', s)).toBe(false);
    }
  });

  it('takes feedback to the right status', () => {
    expect(statusAfterFeedback('baru')).toBe('baru');
    expect(statusAfterFeedback('dalam_tindakan')).toBe('dalam_tindakan');
    expect(statusAfterFeedback('menunggu_pengadu')).toBe('dalam_tindakan');
    expect(statusAfterFeedback('selesai')).toBe('dalam_tindakan');
    expect(() => statusAfterFeedback('ditutup')).toThrow(IllegalTransitionError);
  });

  it('every status feedback leads to is reachable from the current one', () => {
    for (const s of STATUSES.filter(isOpen)) {
      const to = statusAfterFeedback(s);
      expect(to === s || canMove(s, to)).toBe(true);
    }
  });

  it('needs a reason only when staff close', () => {
    expect(closingNeedsReason('staff')).toBe(true);
    expect(closingNeedsReason('complainant')).toBe(false);
    expect(closingNeedsReason('system')).toBe(false);
    expect(isOpen('ditutup')).toBe(false);
    expect(isOpen('selesai')).toBe(true);
  });
});
