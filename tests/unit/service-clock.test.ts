import { describe, expect, it } from 'vitest';
import { kelantanCalendar } from '@/lib/calendar/working';
import { clockEffect } from '@/lib/complaints/status';
import { dueTimes, serviceClock, type ClockFacts } from '@/lib/sla/clock';
import { charterTargets } from '@/lib/sla/targets';

// The service clock with fixed clocks, to the minute, on the Kelantan calendar (Friday and
// Saturday off, 08:00–17:00, 9 working hours a day). Times are Malaysia time; 6 Dec 2026 is a Sunday.

const kl = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const cal = kelantanCalendar(['2026-12-10']); // a holiday on a Thursday
const charter = charterTargets(cal);
const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  status: 'dalam_tindakan',
  createdAt: kl('2026-12-06 10:00'),
  closedAt: null,
  firstRespondedAt: null,
  clockPausedAt: null,
  clockPausedMinutes: 0,
  ...over,
});

describe('due times', () => {
  it('the charter: first response one working day later, resolution 15 working days later, over weekends and a Thursday holiday', () => {
    const due = dueTimes(cal, kl('2026-12-06 10:00'), charter, 0, 80);
    expect(due.firstResponseDueAt).toEqual(kl('2026-12-07 10:00'));
    // The working days after Sun 6 Dec: Mon 7–Wed 9 (3; Thu 10 is the holiday, Fri–Sat the
    // weekend), Sun 13–Thu 17 (8), Sun 20–Thu 24 (13), Sun 27 (14), Mon 28 (15): 10:00 that day.
    expect(due.resolutionDueAt).toEqual(kl('2026-12-28 10:00'));
    // 80 % of 135 working hours is 108 hours = 12 working days: Wed 23 Dec 10:00.
    expect(due.resolutionWarnAt).toEqual(kl('2026-12-23 10:00'));
  });

  it('time spent paused moves the due times by the same working time', () => {
    const due = dueTimes(cal, kl('2026-12-06 10:00'), charter, 90, 80);
    expect(due.firstResponseDueAt).toEqual(kl('2026-12-07 11:30'));
    expect(due.resolutionDueAt).toEqual(kl('2026-12-28 11:30'));
  });

  it('across a year end', () => {
    const due = dueTimes(kelantanCalendar(['2027-01-01']), kl('2026-12-30 16:00'), { firstResponseMinutes: 120, resolutionDays: 2 }, 0, 80);
    // Wed 30 Dec 16:00 + 2 h: 1 h on Wednesday, Thu 31 Dec 09:00.
    expect(due.firstResponseDueAt).toEqual(kl('2026-12-31 09:00'));
    // Two working days: Thu 31 Dec, then Fri 1 Jan (holiday and weekend), Sat 2 Jan, Sun 3 Jan 16:00.
    expect(due.resolutionDueAt).toEqual(kl('2027-01-03 16:00'));
  });
});

describe('the clock', () => {
  it('counts working days: "hari bekerja ke-N daripada 15"', () => {
    expect(serviceClock(cal, facts(), charter, kl('2026-12-06 10:00'), 80).workingDay).toBe(1);
    // Sun 6 Dec 10:00–17:00, Mon–Wed, then (Thu 10 a holiday, Fri–Sat the weekend) Sun 13 08:00–09:00:
    // 7 + 27 + 1 hours = 3 working days and 8 hours, so the fourth working day.
    const clock = serviceClock(cal, facts(), charter, kl('2026-12-13 09:00'), 80);
    expect(clock.usedMinutes).toBe(3 * 540 + 8 * 60);
    expect(clock).toMatchObject({ state: 'running', workingDay: 4, targetDays: 15, late: false, nearlyLate: false });
  });

  it('is nearly late from 80 % of the target and late after the due time, to the minute', () => {
    expect(serviceClock(cal, facts(), charter, kl('2026-12-23 09:59'), 80).nearlyLate).toBe(false);
    expect(serviceClock(cal, facts(), charter, kl('2026-12-23 10:00'), 80).nearlyLate).toBe(true);
    expect(serviceClock(cal, facts(), charter, kl('2026-12-28 10:00'), 80)).toMatchObject({ late: false, nearlyLate: true });
    expect(serviceClock(cal, facts(), charter, kl('2026-12-28 10:01'), 80)).toMatchObject({ late: true, nearlyLate: false });
  });

  it('stands still while paused and carries on from where it stood after resuming', () => {
    const paused = facts({ status: 'menunggu_pengadu', clockPausedAt: kl('2026-12-07 10:00') });
    const a = serviceClock(cal, paused, charter, kl('2026-12-08 10:00'), 80);
    const b = serviceClock(cal, paused, charter, kl('2026-12-30 10:00'), 80);
    expect(a).toMatchObject({ state: 'paused', usedMinutes: 540, workingDay: 2, late: false });
    expect(b).toMatchObject({ state: 'paused', usedMinutes: 540, late: false });
    // Resumed on Tue 8 Dec 13:00 after 12 working hours paused (Mon 10:00 → Tue 13:00).
    const resumed = facts({ clockPausedMinutes: 12 * 60 });
    const c = serviceClock(cal, resumed, charter, kl('2026-12-08 14:00'), 80);
    expect(c).toMatchObject({ state: 'running', usedMinutes: 540 + 60 });
    expect(c.due.resolutionDueAt).toEqual(dueTimes(cal, kl('2026-12-06 10:00'), charter, 720, 80).resolutionDueAt);
  });

  it('a first reply after its due time is late for good; one before it is met', () => {
    const late = serviceClock(cal, facts({ firstRespondedAt: kl('2026-12-07 10:01') }), charter, kl('2026-12-08 10:00'), 80);
    const met = serviceClock(cal, facts({ firstRespondedAt: kl('2026-12-07 09:00') }), charter, kl('2026-12-08 10:00'), 80);
    expect(late.firstResponse).toEqual({ met: true, late: true });
    expect(met.firstResponse).toEqual({ met: true, late: false });
    expect(serviceClock(cal, facts(), charter, kl('2026-12-07 10:01'), 80).firstResponse).toEqual({ met: false, late: true });
  });

  it('stops at closing', () => {
    const closed = facts({ status: 'ditutup', closedAt: kl('2026-12-07 10:00') });
    expect(serviceClock(cal, closed, charter, kl('2027-02-01 10:00'), 80)).toMatchObject({ state: 'stopped', usedMinutes: 540, late: false });
  });
});

describe('what a status move does to the clock', () => {
  it('waiting for the complainant or resolved pauses it; coming back to the officers resumes it; closing stops it', () => {
    expect(clockEffect('dalam_tindakan', 'menunggu_pengadu')).toBe('pause');
    expect(clockEffect('baru', 'selesai')).toBe('pause');
    expect(clockEffect('menunggu_pengadu', 'dalam_tindakan')).toBe('resume');
    expect(clockEffect('selesai', 'dalam_tindakan')).toBe('resume');
    expect(clockEffect('menunggu_pengadu', 'selesai')).toBe(null);
    expect(clockEffect('baru', 'dalam_tindakan')).toBe(null);
    expect(clockEffect('selesai', 'ditutup')).toBe('stop');
  });
});
