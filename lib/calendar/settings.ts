import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { holidays, settings } from '@/lib/db/schema';
import { enqueueSlaRecompute } from '@/lib/jobs/boss';
import type { WorkingCalendar } from './working';

// The working calendar's settings: which days are the weekend and the hours of a working day.
// In the database (key `working_calendar`) so another state's treasury changes them in the console;
// the holidays are their own table. Defaults are Kelantan's.

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export const workingCalendarSettingsSchema = z
  .object({
    /** 0 = Sunday … 6 = Saturday. */
    weekend: z.array(z.number().int().min(0).max(6)).max(6).transform((days) => [...new Set(days)].sort()),
    start: z.string().regex(HHMM, 'time_invalid'),
    end: z.string().regex(HHMM, 'time_invalid'),
  })
  .refine((s) => minutesOf(s.end) > minutesOf(s.start), { message: 'hours_order', path: ['end'] });

export type WorkingCalendarSettings = z.infer<typeof workingCalendarSettingsSchema>;

export const defaultWorkingCalendarSettings: WorkingCalendarSettings = { weekend: [5, 6], start: '08:00', end: '17:00' };

export async function getWorkingCalendarSettings(db: Db | Tx): Promise<WorkingCalendarSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'working_calendar'));
  const parsed = workingCalendarSettingsSchema.safeParse({ ...defaultWorkingCalendarSettings, ...(row?.value as object | undefined) });
  return parsed.success ? parsed.data : defaultWorkingCalendarSettings;
}

/**
 * Saves the weekend and hours (admins), audited; queues the recompute of open complaints' due
 * times in the same transaction (closed ones keep theirs).
 */
export async function saveWorkingCalendarSettings(
  db: Db,
  actor: { userId: string; ip?: string | null },
  next: WorkingCalendarSettings,
): Promise<void> {
  const value = workingCalendarSettingsSchema.parse(next);
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: 'working_calendar', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'settings.working_calendar_updated', ip: actor.ip ?? null, detail: value });
    await enqueueSlaRecompute(tx);
  });
}

/** The working calendar as the service clock uses it: the settings and every holiday on record. */
export async function loadWorkingCalendar(db: Db | Tx): Promise<WorkingCalendar> {
  const s = await getWorkingCalendarSettings(db);
  const days = await db.select({ day: holidays.day }).from(holidays);
  return {
    weekend: s.weekend,
    hours: { start: minutesOf(s.start), end: minutesOf(s.end) },
    holidays: new Set(days.map((d) => d.day)),
  };
}
