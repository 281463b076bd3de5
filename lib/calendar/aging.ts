// "Bil Aging Aduan N Hari": whole calendar days from submission to closing (or to today),
// counted on Malaysia dates, so 23:59 on one day to 00:01 the next is one day.

const kl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Malaysia calendar date of an instant, as days since 1970-01-01. */
export function malaysiaDayNumber(at: Date): number {
  const [y, m, d] = kl.format(at).split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function agingDays(submittedAt: Date, closedAt: Date | null, now: Date = new Date()): number {
  return Math.max(0, malaysiaDayNumber(closedAt ?? now) - malaysiaDayNumber(submittedAt));
}
