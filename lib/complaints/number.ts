import { randomInt } from 'node:crypto';

// No Aduan: prefix + yyMMddHHmmss in Malaysia time + 3 random digits, e.g. PKN210117075918055.
// The random tail makes numbers from the same second not guessable in sequence; uniqueness is
// enforced by the database and the caller retries on collision.

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kuala_Lumpur',
  year: '2-digit',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function complaintNumber(prefix: string, at: Date = new Date()): string {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const stamp = `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
  return `${prefix}${stamp}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

export function isComplaintNumber(value: string): boolean {
  return /^[A-Z]{2,6}\d{15}$/.test(value);
}
