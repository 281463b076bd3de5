import { isValid, parseISO } from 'date-fns';

/**
 * An ISO 8601 instant (`2026-03-01T16:30:00.123456Z`, any number of fraction digits) as a Date,
 * or null when it names no real time (30 February, 25:00). Dates keep milliseconds.
 */
export function parseIsoInstant(text: string): Date | null {
  const at = parseISO(text);
  return isValid(at) ? at : null;
}
