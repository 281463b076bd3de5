import { isIPv4, isIPv6 } from 'node:net';

// The key a client address is limited by. An IPv4 address is one client (or one office behind
// NAT). An IPv6 client usually holds a whole /64 (its provider hands out the prefix, the host
// picks any of its 2^64 addresses), so counting single IPv6 addresses would give one client
// endless fresh allowances: every limiter keys IPv6 clients by their /64.

/** The rate-limit key for a client address: the IPv4 address, or the IPv6 /64 as `xxxx:xxxx:xxxx:xxxx::/64`. */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, ''); // a zone id (fe80::1%eth0) is not part of it
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64); // e.g. 'unknown': limited as one client
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros (`::` expanded). */
function expandIPv6(address: string): string[] {
  let text = address;
  // A trailing embedded IPv4 (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
