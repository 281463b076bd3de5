import { format } from 'date-fns';
import { inMalaysia } from './zone';

/** An instant in Malaysia wall-clock time, with a date-fns pattern (`yyMMddHHmmss`, …). */
export function formatMalaysia(at: Date, pattern: string): string {
  return format(at, pattern, { in: inMalaysia });
}

/** `dd-MM-yyyy HH:mm` in Malaysia time, as in the seed guide. */
export function formatMyDateTime(at: Date): string {
  return formatMalaysia(at, 'dd-MM-yyyy HH:mm');
}
