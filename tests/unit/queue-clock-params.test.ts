import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kelantanCalendar } from '@/lib/calendar/working';
import { capabilities } from '@/lib/complaints/status';
import { decodeCursor, encodeCursor } from '@/lib/console/queue/cursor';
import { sanitiseFilters, SAVED_VIEWS } from '@/lib/console/queue/filters';
import { parseQueueParams, queueParamsToSearch } from '@/lib/console/queue/params';
import { dueDistance } from '@/lib/sla/remaining';

// The queue's service-clock parameters (clock, priority, the due sort and its cursor), who may
// change a priority or category, and the time left in working time.

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const kl = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);

describe('clock and priority in the URL', () => {
  it('keeps known values, drops the rest, and round-trips', () => {
    const { filters } = parseQueueParams({ clock: 'lewat', priority: 'kritikal', sort: 'due' });
    expect(filters).toEqual({ clock: 'lewat', priority: 'kritikal', sort: 'due' });
    expect(parseQueueParams(Object.fromEntries(new URLSearchParams(queueParamsToSearch(filters)))).filters).toEqual(filters);
    expect(parseQueueParams({ clock: 'late', priority: 'urgent', sort: 'soon' }).filters).toEqual({});
    expect(sanitiseFilters({ clock: 'x' as never, priority: 'tinggi' })).toEqual({ priority: 'tinggi' });
  });

  it('the Lewat and Hampir lewat views fill in their filter and the due sort', () => {
    expect(parseQueueParams({ view: 'lewat' })).toEqual({ filters: SAVED_VIEWS.lewat.filters, view: 'lewat' });
    expect(SAVED_VIEWS['hampir-lewat'].filters).toEqual({ clock: 'hampir-lewat', sort: 'due' });
  });
});

describe('the due sort cursor', () => {
  const id = randomUUID();
  it('round-trips a due time and a row without one, and is refused elsewhere', () => {
    const at = '2026-03-02T15:59:59.999999Z';
    expect(decodeCursor('due', encodeCursor('due', { rank: '0', at, id }))).toEqual({ rank: '0', at, id });
    expect(decodeCursor('due', encodeCursor('due', { rank: '0', at: null, id }))).toEqual({ rank: '0', at: null, id });
    expect(decodeCursor('newest', encodeCursor('due', { rank: '0', at, id }))).toBeNull();
    // Only the due sort has rows without a time.
    expect(decodeCursor('newest', b64(`v1|n|-|${id}`))).toBeNull();
    expect(decodeCursor('due', b64(`v1|d|2026-02-30T00:00:00.000000Z|${id}`))).toBeNull();
    expect(decodeCursor('due', b64(`v1|d|-|x' or 1=1`))).toBeNull();
  });
});

describe('priority and category changes', () => {
  const officer = { kind: 'staff', userId: 'u', role: 'pegawai' } as const;
  it('officers who may reply may change them while the complaint is open; nobody once it is closed', () => {
    expect(capabilities(officer, { status: 'menunggu_pengadu' })).toMatchObject({ prioritise: true, recategorise: true });
    expect(capabilities(officer, { status: 'ditutup' })).toMatchObject({ prioritise: false, recategorise: false });
    expect(capabilities({ kind: 'complainant' }, { status: 'baru' })).toMatchObject({ prioritise: false, recategorise: false });
  });
});

describe('time to the due time, in working time', () => {
  const cal = kelantanCalendar();
  it('counts working days, hours and minutes left, skipping the weekend', () => {
    // Thursday 15:30 to Sunday 10:00: 1 h 30 min on Thursday, 2 h on Sunday.
    expect(dueDistance(cal, kl('2026-12-06 10:00'), kl('2026-12-03 15:30'))).toEqual({ late: false, days: 0, hours: 3, minutes: 30 });
    expect(dueDistance(cal, kl('2026-12-09 10:00'), kl('2026-12-06 09:00'))).toEqual({ late: false, days: 3, hours: 1, minutes: 0 });
  });
  it('is late once the due time has passed, even with no working minute since', () => {
    expect(dueDistance(cal, kl('2026-12-03 17:00'), kl('2026-12-04 20:00'))).toEqual({ late: true, days: 0, hours: 0, minutes: 0 });
    expect(dueDistance(cal, kl('2026-12-03 16:00'), kl('2026-12-06 09:15'))).toEqual({ late: true, days: 0, hours: 2, minutes: 15 });
  });
});
