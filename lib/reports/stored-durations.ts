import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { workingMinutesBetween, type WorkingCalendar } from '@/lib/calendar/working';
import type { Db, Tx } from '@/lib/db';
import { complaints, settings } from '@/lib/db/schema';

// Each complaint's working minutes to its first public reply and at its resolution, stored on the
// row when they happen, so a year's medians, 90th percentiles and per-officer figures are one read
// of two integer columns instead of working time computed for every complaint on every report.
//
// Kept true three ways:
// - written by the paths that change what they are computed from, in the same transaction: the
//   first public reply (lib/complaints/officer-actions.ts) and every status move
//   (lib/complaints/transitions.ts moveStatus: resolve, pause, resume, close, reopen, appeal), and
//   the appeal's clock restart (lib/sla/due.ts), each through lib/calendar's workingMinutesBetween;
// - a trigger (migration report_speed) clears a stored figure whenever an UPDATE changes what it
//   is computed from (filing, first reply, status, closing, pause, paused minutes) without writing
//   the figure too: a path that forgets leaves it missing, never wrong;
// - the figures depend on the working calendar: they count only while the calendar's fingerprint
//   equals the one stored beside them (`settings` key `report_durations`), written by
//   fillStoredDurations (lib/reports/fill-durations.ts) after it computed every complaint's figures with that calendar. A holiday
//   or hours change makes the fingerprints differ at once, so reports compute live (exact, slower)
//   until the `sla-recompute` job that the change queues has filled them again.
// Reports use the stored figures only when the fingerprint matches and none of their complaints
// lacks one (lib/reports/context.ts `storedDurationsUsable`); otherwise they compute working
// time in SQL as before. Either way the figures are the same.

export const STORED_DURATIONS_KEY = 'report_durations';

/** A working calendar's fingerprint: weekend, hours and every holiday. */
export function calendarFingerprint(cal: WorkingCalendar): string {
  const body = JSON.stringify({ weekend: [...cal.weekend].sort(), hours: cal.hours, holidays: [...cal.holidays].sort() });
  return createHash('sha256').update(body).digest('hex').slice(0, 32);
}

/** The complaints (alias `c`) whose stored figures are missing although the moment has come. */
export const DURATIONS_MISSING = sql`((c.first_responded_at is not null and c.first_response_minutes is null) or (((c.status = 'ditutup' and c.closed_at is not null) or (c.status = 'selesai' and c.clock_paused_at is not null)) and c.resolution_minutes is null))`;

type Inputs = { createdAt: Date; firstRespondedAt: Date | null; status: string; closedAt: Date | null; clockPausedAt: Date | null; clockPausedMinutes: number };

/** The two figures of one complaint, as lib/sla/clock.ts `serviceClock().usedMinutes` counts. */
export function workingDurations(cal: WorkingCalendar, c: Inputs): { firstResponseMinutes: number | null; resolutionMinutes: number | null } {
  const resolvedAt =
    c.status === 'ditutup' && c.closedAt
      ? new Date(Math.min(c.closedAt.getTime(), (c.clockPausedAt ?? c.closedAt).getTime()))
      : c.status === 'selesai'
        ? c.clockPausedAt
        : null;
  return {
    firstResponseMinutes: c.firstRespondedAt ? workingMinutesBetween(cal, c.createdAt, c.firstRespondedAt) : null,
    resolutionMinutes: resolvedAt ? Math.max(0, workingMinutesBetween(cal, c.createdAt, resolvedAt) - c.clockPausedMinutes) : null,
  };
}

/** Reads the complaint as it now stands in the transaction and stores its two figures. */
export async function storeWorkingDurations(tx: Tx, complaintId: string, cal?: WorkingCalendar): Promise<void> {
  const [c] = await tx
    .select({
      createdAt: complaints.createdAt,
      firstRespondedAt: complaints.firstRespondedAt,
      status: complaints.status,
      closedAt: complaints.closedAt,
      clockPausedAt: complaints.clockPausedAt,
      clockPausedMinutes: complaints.clockPausedMinutes,
    })
    .from(complaints)
    .where(eq(complaints.id, complaintId));
  if (!c) return;
  const figures = workingDurations(cal ?? (await loadWorkingCalendar(tx)), c);
  await tx.update(complaints).set(figures).where(eq(complaints.id, complaintId));
}

/** The fingerprint of the calendar the stored figures were all computed with, if any. */
export async function storedDurationsFingerprint(db: Db | Tx): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, STORED_DURATIONS_KEY));
  const v = row?.value as { fingerprint?: unknown } | undefined;
  return typeof v?.fingerprint === 'string' ? v.fingerprint : null;
}
