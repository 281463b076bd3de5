/**
 * Protection of personal data at rest (MyKad numbers, phone numbers).
 *
 * Uses node:crypto only and no `server-only` import, because migration and
 * maintenance scripts run this outside Next.js.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12; // 96-bit IV is the GCM recommendation
const TAG_BYTES = 16;

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new Error(`PII key must be exactly ${KEY_BYTES} bytes`);
  }
}

// Strict base64url decode: Buffer.from() silently ignores junk and unused
// trailing bits, which would let a modified token decode to the same bytes.
function fromB64url(part: string, label: string): Buffer {
  const buf = Buffer.from(part, 'base64url');
  if (!/^[A-Za-z0-9_-]*$/.test(part) || buf.toString('base64url') !== part) {
    throw new Error(`Invalid PII token: malformed ${label}`);
  }
  return buf;
}

/** Encrypts with AES-256-GCM; returns `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function encryptPii(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts a token from encryptPii; throws if it was tampered with or the key is wrong. */
export function decryptPii(token: string, key: Buffer): string {
  assertKey(key);
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error('Invalid PII token: unsupported format or version');
  }
  const iv = fromB64url(parts[1], 'IV');
  const tag = fromB64url(parts[2], 'tag');
  const ciphertext = fromB64url(parts[3], 'ciphertext');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error('Invalid PII token: bad IV or tag length');
  }
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  // final() throws when authentication fails (tampering or wrong key).
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/**
 * Keyed hash (HMAC-SHA256, hex) for exact-match lookups on encrypted columns.
 * Keyed so that the small MyKad/phone space cannot be brute-forced from a DB dump.
 * The caller must normalise the value first.
 */
export function hashPii(value: string, key: Buffer): string {
  assertKey(key);
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** Parses a 32-byte key given as 64 hex chars or base64/base64url; throws with a clear message otherwise. */
export function parseKey(hexOrBase64: string): Buffer {
  const input = (hexOrBase64 ?? '').trim();
  if (input === '') throw new Error('PII key is empty; expected 64 hex characters or base64 of 32 bytes');
  // Hex first: a 64-char hex string is also valid base64 (of 48 bytes).
  if (/^[0-9a-fA-F]{64}$/.test(input)) return Buffer.from(input, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(input)) {
    const buf = Buffer.from(input.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (buf.length === KEY_BYTES) return buf;
    throw new Error(`PII key decodes to ${buf.length} bytes; expected exactly ${KEY_BYTES} bytes`);
  }
  throw new Error('PII key must be 64 hex characters or base64 encoding of 32 bytes');
}
