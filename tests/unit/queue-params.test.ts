import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isCursorToken, type Sort } from '@/lib/console/queue/cursor';
import { sanitiseFilters } from '@/lib/console/queue/filters';
import { parseQueueParams, queueParamsToSearch } from '@/lib/console/queue/params';
import { parseAuditParams } from '@/lib/console/audit-log';

// The queue's URL and cursors are typed by anyone: every bad value is dropped, never thrown, and
// nothing that reaches a SQL cast can make the database refuse the query.

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('parseQueueParams dates', () => {
  it('keeps real Malaysia dates and drops impossible ones', () => {
    expect(parseQueueParams({ from: '2024-02-29', to: '2024-03-01' }).filters).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    for (const bad of ['2023-02-29', '2026-04-31', '2026-2-3', '2026-02-03T00:00', '0202-01-01', 'garbage', '']) {
      expect(parseQueueParams({ from: bad, to: bad }).filters, bad).toEqual({});
    }
  });

  it('reads the first of a repeated parameter only', () => {
    expect(parseQueueParams({ from: ['2026-03-01', '2026-03-09'], to: ['nope', '2026-03-31'] }).filters).toEqual({ from: '2026-03-01' });
  });

  it('drops the same values when filters are built in code', () => {
    expect(sanitiseFilters({ from: '2023-02-29', to: '2026-03-31', categoryId: -1, sort: 'random' as never })).toEqual({ to: '2026-03-31' });
  });
});

describe('parseQueueParams cursor and view', () => {
  it('passes a base64url cursor through and drops anything else', () => {
    const cursor = encodeCursor('newest', { rank: '0', at: '2026-03-01T16:30:00.000000Z', id: randomUUID() });
    expect(parseQueueParams({ cursor }).cursor).toBe(cursor);
    expect(parseQueueParams({ cursor: [cursor, 'x'] }).cursor).toBe(cursor);
    for (const bad of ['../../etc/passwd', 'a b', 'x'.repeat(401), '']) expect(parseQueueParams({ cursor: bad }), bad).toEqual({ filters: {} });
  });

  it('round-trips dates, cursor and view through the query string', () => {
    const cursor = encodeCursor('oldest', { rank: '0', at: '2026-03-01T16:30:00.123456Z', id: randomUUID() });
    const filters = { status: ['baru' as const], from: '2026-03-01', to: '2026-03-31', sort: 'oldest' as const };
    const search = queueParamsToSearch(filters, { cursor, view: 'semua-terbuka' });
    expect(parseQueueParams(Object.fromEntries(new URLSearchParams(search)))).toEqual({ filters, cursor, view: 'semua-terbuka' });
  });
});

describe('keyset cursors', () => {
  const id = randomUUID();
  const key = { rank: '12.345678', at: '2026-03-02T15:59:59.999999Z', id };

  it('round-trips for every sort', () => {
    for (const sort of ['newest', 'oldest', 'updated'] as Sort[]) {
      const token = encodeCursor(sort, key);
      expect(isCursorToken(token)).toBe(true);
      expect(decodeCursor(sort, token)).toEqual({ rank: '0', at: key.at, id });
    }
    expect(decodeCursor('rank', encodeCursor('rank', key))).toEqual(key);
  });

  it('is ignored by another sort', () => {
    expect(decodeCursor('oldest', encodeCursor('newest', key))).toBeNull();
    expect(decodeCursor('newest', encodeCursor('rank', key))).toBeNull();
  });

  it.each([
    ['impossible date', b64(`v1|n|2026-02-30T00:00:00.000000Z|${id}`)],
    ['impossible hour', b64(`v1|n|2026-03-01T25:00:00.000000Z|${id}`)],
    ['milliseconds only', b64(`v1|n|2026-03-01T00:00:00.000Z|${id}`)],
    ['not a uuid', b64("v1|n|2026-01-01T00:00:00.000000Z|x' or 1=1")],
    ['bad rank', b64(`v1|r|1e9|2026-03-01T00:00:00.000000Z|${id}`)],
    ['extra part', b64(`v1|n|2026-03-01T00:00:00.000000Z|${id}|x`)],
    ['missing part', b64(`v1|n|${id}`)],
    ['other version', b64(`v2|n|2026-03-01T00:00:00.000000Z|${id}`)],
    ['not base64url', '!!!'],
    ['empty', ''],
    ['not base64 of text', 'bm9wZQ'],
  ])('refuses a cursor with %s', (_label, token) => {
    expect(decodeCursor('newest', token)).toBeNull();
    expect(decodeCursor('rank', token)).toBeNull();
  });
});

describe('date filters typed as dd-MM-yyyy', () => {
  it('reads the day a person types into the queue and audit filters, in canonical form', () => {
    expect(parseQueueParams({ from: '29-02-2024', to: '01/03/2024' }).filters).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    expect(parseAuditParams({ from: '29-02-2024', to: '31.03.2026' })).toEqual({ from: '2024-02-29', to: '2026-03-31' });
    // mm/dd/yyyy (the browser's English date box) is not a day here: 13 is not a month.
    expect(parseQueueParams({ from: '03-13-2026', to: '29-02-2023' }).filters).toEqual({});
  });

  it('drops an actor that is neither a user id nor complainant/system, and an action of another shape', () => {
    expect(parseAuditParams({ actor: 'complainant', action: 'complaint.view' })).toEqual({ actor: 'complainant', action: 'complaint.view' });
    expect(parseAuditParams({ actor: "1' or '1'='1", action: 'complaint.%' })).toEqual({});
  });
});

describe('parseAuditParams', () => {
  it('keeps good values and drops dates that do not exist and page keys that are not row ids', () => {
    expect(parseAuditParams({ action: ' complaint. ', target: 'PKN1', from: '2024-02-29', to: '2024-03-01', before: '250' })).toEqual({
      action: 'complaint.',
      target: 'PKN1',
      from: '2024-02-29',
      to: '2024-03-01',
      before: 250,
    });
    expect(parseAuditParams({ from: '2023-02-29', to: '2026-13-01', before: '1.5' })).toEqual({});
    expect(parseAuditParams({ before: '1e30' })).toEqual({});
    expect(parseAuditParams({ before: '-3', action: '' })).toEqual({});
  });

  it('reads the first of a repeated parameter, never throws', () => {
    expect(parseAuditParams({ action: ['auth.sign_in', 'b'], from: ['2026-03-01', 'x'] })).toEqual({ action: 'auth.sign_in', from: '2026-03-01' });
    expect(() => parseAuditParams({ __proto__: 'x', constructor: 'y' } as never)).not.toThrow();
  });
});
