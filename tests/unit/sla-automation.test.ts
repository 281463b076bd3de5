import { describe, expect, it } from 'vitest';
import { noticeDue } from '@/lib/sla/escalation';
import { readServiceLevelForm } from '@/lib/sla/settings';
import { dayBefore } from '@/lib/sla/summary';

// The pure parts of the service-level automation: which notice a complaint has reached, the
// settings form, and the summary's "yesterday".

const at = new Date('2026-03-10T04:00:00Z');
const before = (min: number) => new Date(at.getTime() - min * 60_000);
const after = (min: number) => new Date(at.getTime() + min * 60_000);
const running = { status: 'dalam_tindakan' as const, resolutionWarnAt: before(60), resolutionDueAt: after(60), firstResponseDueAt: before(600), firstRespondedAt: null };

describe('noticeDue', () => {
  it('names the due time a notice is about while the clock runs', () => {
    expect(noticeDue('nearly_late', running, at)).toEqual(before(60));
    expect(noticeDue('breached', running, at)).toBeNull();
    expect(noticeDue('first_response_late', running, at)).toEqual(before(600));
  });
  it('skips "nearly late" once the complaint is past its due time, and "first response" once replied', () => {
    const late = { ...running, resolutionDueAt: before(1), firstRespondedAt: before(700) };
    expect(noticeDue('nearly_late', late, at)).toBeNull();
    expect(noticeDue('breached', late, at)).toEqual(before(1));
    expect(noticeDue('first_response_late', late, at)).toBeNull();
  });
  it('is silent while the clock is paused or stopped', () => {
    for (const status of ['menunggu_pengadu', 'selesai', 'ditutup'] as const) {
      for (const kind of ['nearly_late', 'breached', 'first_response_late'] as const) {
        expect(noticeDue(kind, { ...running, status, resolutionDueAt: before(1) }, at)).toBeNull();
      }
    }
  });
  it('counts the due minute itself as not yet breached', () => {
    expect(noticeDue('breached', { ...running, resolutionDueAt: at }, at)).toBeNull();
    expect(noticeDue('nearly_late', { ...running, resolutionWarnAt: at }, at)).toEqual(at);
  });
});

describe('readServiceLevelForm', () => {
  const good = { nearlyPercent: '75', reminderAfterDays: '3', autoCloseUnansweredAfterDays: '5', autoCloseResolvedAfterDays: '7', appealResolutionDays: '5' };
  it('reads numbers and the checkbox', () => {
    expect(readServiceLevelForm({ ...good, autoCloseUnanswered: 'on' })).toEqual({
      ok: true,
      value: { nearlyPercent: 75, reminderAfterDays: 3, autoCloseUnanswered: true, autoCloseUnansweredAfterDays: 5, autoCloseResolvedAfterDays: 7, appealResolutionDays: 5 },
    });
    expect(readServiceLevelForm({ ...good, nearlyPercent: ' 80 ' })).toMatchObject({ ok: true, value: { nearlyPercent: 80, autoCloseUnanswered: false } });
  });
  it('says for every bad field what is wrong, with the bounds', () => {
    expect(readServiceLevelForm({ ...good, nearlyPercent: '100', reminderAfterDays: '2.5', autoCloseResolvedAfterDays: '', autoCloseUnansweredAfterDays: '0' })).toEqual({
      ok: false,
      errors: {
        nearlyPercent: { code: 'range', min: 1, max: 99 },
        reminderAfterDays: { code: 'whole' },
        autoCloseUnansweredAfterDays: { code: 'range', min: 1, max: 60 },
        autoCloseResolvedAfterDays: { code: 'whole' },
      },
    });
  });
});

describe('dayBefore', () => {
  it('is the Malaysia day before, across months and years', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });
});
