import { describe, expect, it } from 'vitest';
import { complaintNumber, isComplaintNumber } from '@/lib/complaints/number';

describe('complaintNumber', () => {
  it('is the prefix, 12 digits of Malaysia time and a 3-digit tail', () => {
    expect(complaintNumber('PKN')).toMatch(/^PKN\d{15}$/);
    expect(complaintNumber('PKN', new Date('2021-01-17T07:59:18Z'))).toMatch(/^PKN\d{15}$/);
  });

  it('stamps the time in Malaysia (UTC+8), not UTC or the server zone', () => {
    expect(complaintNumber('PKN', new Date('2021-01-17T07:59:18Z')).startsWith('PKN210117155918')).toBe(true);
  });

  it('rolls the date over at Malaysian midnight', () => {
    // 16:30 UTC on the 16th is 00:30 on the 17th in Kota Bharu.
    expect(complaintNumber('PKN', new Date('2021-01-16T16:30:00Z')).startsWith('PKN210117003000')).toBe(true);
    // 15:59:59 UTC is still 23:59:59 on the 16th.
    expect(complaintNumber('PKN', new Date('2021-01-16T15:59:59Z')).startsWith('PKN210116235959')).toBe(true);
    // Exactly midnight is hour 00, never 24.
    expect(complaintNumber('PKN', new Date('2021-01-16T16:00:00Z')).startsWith('PKN210117000000')).toBe(true);
  });

  it('rolls the year over at Malaysian midnight on 31 December', () => {
    expect(complaintNumber('PKN', new Date('2021-12-31T16:00:01Z')).startsWith('PKN220101000001')).toBe(true);
  });

  it('uses a custom prefix', () => {
    const n = complaintNumber('JANM', new Date('2021-01-17T07:59:18Z'));
    expect(n).toMatch(/^JANM\d{15}$/);
    expect(n.startsWith('JANM210117155918')).toBe(true);
    expect(isComplaintNumber(n)).toBe(true);
  });

  it('varies the 3-digit tail', () => {
    const at = new Date('2021-01-17T07:59:18Z');
    const tails = new Set(Array.from({ length: 200 }, () => complaintNumber('PKN', at).slice(-3)));
    for (const t of tails) expect(t).toMatch(/^\d{3}$/);
    expect(tails.size).toBeGreaterThan(50);
  });
});

describe('isComplaintNumber', () => {
  it.each(['PKN210117155918055', 'PKN000000000000000', 'AB210117155918055', 'ABCDEF210117155918055'])(
    'accepts %s',
    (v) => expect(isComplaintNumber(v)).toBe(true),
  );

  it.each([
    ['', 'empty'],
    ['PKN', 'prefix only'],
    ['PKN21011715591805', '14 digits'],
    ['PKN2101171559180555', '16 digits'],
    ['pkn210117155918055', 'lower-case prefix'],
    ['P210117155918055', '1-letter prefix'],
    ['ABCDEFG210117155918055', '7-letter prefix'],
    ['210117155918055', 'no prefix'],
    [' PKN210117155918055', 'leading space'],
    ['PKN210117155918055\n', 'trailing newline'],
    ['PKN21011715591805A', 'letter in the digits'],
    ['PKN/../210117155918', 'path characters'],
  ])('refuses %j (%s)', (v) => expect(isComplaintNumber(v)).toBe(false));

  it('accepts every number complaintNumber makes', () => {
    for (let i = 0; i < 50; i++) expect(isComplaintNumber(complaintNumber('PKN'))).toBe(true);
  });
});
