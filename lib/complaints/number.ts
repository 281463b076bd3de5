import { randomInt } from 'node:crypto';
import { formatMalaysia } from '@/lib/calendar/format';

// No Aduan: prefix + yyMMddHHmmss in Malaysia time + 3 random digits, e.g. PKN210117075918055.
// The random tail makes numbers from the same second not guessable in sequence; uniqueness is
// enforced by the database and the caller retries on collision.

export function complaintNumber(prefix: string, at: Date = new Date()): string {
  return `${prefix}${formatMalaysia(at, 'yyMMddHHmmss')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

export function isComplaintNumber(value: string): boolean {
  return /^[A-Z]{2,6}\d{15}$/.test(value);
}
