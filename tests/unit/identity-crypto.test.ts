import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decryptPii, encryptPii, hashPii, parseKey } from '../../lib/identity/crypto';

const key = randomBytes(32);
const otherKey = randomBytes(32);

// Flips one bit in the given part of a token, keeping the encoding canonical.
function tamper(token: string, index: 1 | 2 | 3): string {
  const parts = token.split('.');
  const buf = Buffer.from(parts[index], 'base64url');
  buf[0] ^= 0x01;
  parts[index] = buf.toString('base64url');
  return parts.join('.');
}

describe('encryptPii / decryptPii', () => {
  it('round-trips, including non-ASCII text', () => {
    for (const plain of ['880101035123', '0123456789', 'Nik Nur Aisyah binti Wan Ismail — é', '']) {
      expect(decryptPii(encryptPii(plain, key), key)).toBe(plain);
    }
  });

  it('produces a v1.<iv>.<tag>.<ciphertext> token with a 12-byte IV and 16-byte tag', () => {
    const parts = encryptPii('880101035123', key).split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    for (const p of parts.slice(1)) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(parts[1], 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[2], 'base64url')).toHaveLength(16);
  });

  it('uses a different IV each time', () => {
    const a = encryptPii('880101035123', key);
    const b = encryptPii('880101035123', key);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it.each([1, 2, 3] as const)('throws when token part %i is tampered with', (index) => {
    const token = encryptPii('880101035123', key);
    expect(() => decryptPii(tamper(token, index), key)).toThrow();
  });

  it('throws on a non-canonical base64url part', () => {
    const token = encryptPii('880101035123', key);
    const parts = token.split('.');
    parts[3] = `${parts[3]}!`;
    expect(() => decryptPii(parts.join('.'), key)).toThrow();
  });

  it('throws on malformed tokens and unknown versions', () => {
    const token = encryptPii('x', key);
    expect(() => decryptPii(token.replace(/^v1/, 'v2'), key)).toThrow();
    expect(() => decryptPii('v1.abc', key)).toThrow();
    expect(() => decryptPii('', key)).toThrow();
  });

  it('throws with the wrong key', () => {
    const token = encryptPii('880101035123', key);
    expect(() => decryptPii(token, otherKey)).toThrow();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptPii('x', randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('hashPii', () => {
  it('is stable for the same value and key', () => {
    expect(hashPii('880101035123', key)).toBe(hashPii('880101035123', key));
    expect(hashPii('880101035123', key)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('depends on the key and the value', () => {
    expect(hashPii('880101035123', key)).not.toBe(hashPii('880101035123', otherKey));
    expect(hashPii('880101035123', key)).not.toBe(hashPii('880101035124', key));
  });
  it('matches a known HMAC-SHA256 vector', () => {
    const fixed = Buffer.alloc(32, 0);
    expect(hashPii('', fixed)).toBe(
      'b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad',
    );
  });
});

describe('parseKey', () => {
  const raw = randomBytes(32);

  it('accepts 64 hex characters (either case)', () => {
    expect(parseKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseKey(raw.toString('hex').toUpperCase()).equals(raw)).toBe(true);
  });
  it('accepts base64 and base64url of 32 bytes', () => {
    expect(parseKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseKey(raw.toString('base64url')).equals(raw)).toBe(true);
  });
  it('ignores surrounding whitespace', () => {
    expect(parseKey(`  ${raw.toString('hex')}\n`).equals(raw)).toBe(true);
  });
  it('throws a clear error for an empty key', () => {
    expect(() => parseKey('')).toThrow(/empty/);
  });
  it('throws when the key is the wrong length', () => {
    expect(() => parseKey(randomBytes(16).toString('hex'))).toThrow(/32 bytes/);
    expect(() => parseKey(randomBytes(31).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseKey(randomBytes(33).toString('base64'))).toThrow(/32 bytes/);
  });
  it('throws for characters that are neither hex nor base64', () => {
    expect(() => parseKey('not a key!')).toThrow(/hex|base64/);
  });
});
