import { format } from 'date-fns';
import { inMalaysia, malaysiaWallClock } from './zone';

/** An instant in Malaysia wall-clock time, with a date-fns pattern (`yyMMddHHmmss`, …). */
export function formatMalaysia(at: Date, pattern: string): string {
  return format(at, pattern, { in: inMalaysia });
}

/** `dd-MM-yyyy HH:mm` in Malaysia time, as in the seed guide. */
export function formatMyDateTime(at: Date): string {
  const wall = malaysiaWallClock(at);
  if (!wall) return formatMalaysia(at, 'dd-MM-yyyy HH:mm');
  const iso = wall.toISOString(); // yyyy-MM-ddTHH:mm…
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
