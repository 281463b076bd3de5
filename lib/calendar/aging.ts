import { malaysiaDaysBetween } from './days';

// "Bil Aging Aduan N Hari": whole calendar days from submission to closing (or to today),
// counted on Malaysia dates, so 23:59 on one day to 00:01 the next is one day.

export function agingDays(submittedAt: Date, closedAt: Date | null, now: Date = new Date()): number {
  return Math.max(0, malaysiaDaysBetween(submittedAt, closedAt ?? now));
}
