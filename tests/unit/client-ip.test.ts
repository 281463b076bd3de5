import { describe, expect, it } from 'vitest';
import { clientIp } from '@/lib/http/request';

const req = (xff?: string) => new Request('http://localhost/', { headers: xff ? { 'x-forwarded-for': xff } : {} });

describe('clientIp', () => {
  it('believes only the entry our front listener appended', () => {
    expect(clientIp(req('203.0.113.9, 127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientIp(req('1.2.3.4, 5.6.7.8, 198.51.100.7'), 0)).toBe('198.51.100.7');
  });

  it('steps back one entry per trusted reverse proxy', () => {
    expect(clientIp(req('forged, 198.51.100.7, 10.0.0.2'), 1)).toBe('198.51.100.7');
    expect(clientIp(req('10.0.0.2'), 3)).toBe('10.0.0.2');
  });

  it('normalises IPv4-mapped IPv6 and copes with no header', () => {
    expect(clientIp(req('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientIp(req(), 0)).toBe('unknown');
  });
});
