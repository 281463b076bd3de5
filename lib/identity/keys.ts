import { hkdfSync } from 'node:crypto';
import { parseKey } from './crypto';

// One PII_KEY setting, two independent subkeys: encrypting IC numbers and hashing them for lookups
// must not share a key.
const cache = new Map<string, { enc: Buffer; mac: Buffer }>();

export function piiKeys(piiKey: string): { enc: Buffer; mac: Buffer } {
  let keys = cache.get(piiKey);
  if (!keys) {
    const master = parseKey(piiKey);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    keys = { enc: derive('helpdesk-ispeks/pii-encrypt/v1'), mac: derive('helpdesk-ispeks/pii-lookup/v1') };
    cache.set(piiKey, keys);
  }
  return keys;
}
