import { describe, expect, it } from 'vitest';
import { addressKey } from '@/lib/ratelimit/address';

// Every rate limit on a client address keys it with addressKey: an IPv6 client holds a whole /64,
// so two addresses of one /64 must share an allowance, and the many ways to write one address too.

describe('addressKey', () => {
  it('keys an IPv4 address by itself, also when written IPv4-mapped', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9')).not.toBe(addressKey('203.0.113.10'));
  });

  it('keys IPv6 clients by their /64', () => {
    const key = addressKey('2001:db8:1:2::a');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2:abcd::1', '2001:db8:1:2::a%eth0']) {
      expect(addressKey(same), same).toBe(key);
    }
    for (const other of ['2001:db8:1:3::a', '2001:db8::1', '2001:db9:1:2::a']) {
      expect(addressKey(other), other).not.toBe(key);
    }
  });

  it('expands :: wherever it stands', () => {
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::2001:db8:1:2:3:4')).toBe('0:0:2001:db8::/64');
    expect(addressKey('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything else as one client', () => {
    expect(addressKey('unknown')).toBe('unknown');
    expect(addressKey('x'.repeat(100))).toHaveLength(64);
  });
});
