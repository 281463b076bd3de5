import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { settings } from '@/lib/db/schema';
import { enqueueSlaRecompute } from '@/lib/jobs/boss';
import { APPEAL_RESOLUTION_DAYS } from './clock';

// The service-level automation's settings (key `service_levels`), edited by admins: when a
// complaint counts as nearly late, when the complainant is reminded, and when complaints close by
// themselves. Counts of days are working days, except the charter's "closed N days after
// resolved", which the complainant reads as calendar days.

/** The bounds of each number (the settings page says them beside a field that is outside). */
export const SERVICE_LEVEL_LIMITS = {
  nearlyPercent: { min: 1, max: 99 },
  reminderAfterDays: { min: 1, max: 60 },
  autoCloseUnansweredAfterDays: { min: 1, max: 60 },
  autoCloseResolvedAfterDays: { min: 1, max: 90 },
  appealResolutionDays: { min: 1, max: 60 },
} as const;
export type ServiceLevelNumberField = keyof typeof SERVICE_LEVEL_LIMITS;

const bounded = (f: ServiceLevelNumberField) => z.number().int().min(SERVICE_LEVEL_LIMITS[f].min).max(SERVICE_LEVEL_LIMITS[f].max);

export const serviceLevelSettingsSchema = z.object({
  /** Share of the resolution target after which a complaint is "hampir lewat" and its officer told. */
  nearlyPercent: bounded('nearlyPercent'),
  /** Working days in *menunggu pengadu* before the complainant gets one reminder. */
  reminderAfterDays: bounded('reminderAfterDays'),
  /** Close a complaint that still has no answer this many working days after the reminder. */
  autoCloseUnanswered: z.boolean(),
  autoCloseUnansweredAfterDays: bounded('autoCloseUnansweredAfterDays'),
  /** Days a *selesai* complaint waits for the complainant before it is closed automatically. */
  autoCloseResolvedAfterDays: bounded('autoCloseResolvedAfterDays'),
  /** Working days an appeal (rayuan) has to be resolved in, counted from the appeal. */
  appealResolutionDays: bounded('appealResolutionDays'),
});

/** What is wrong with a number typed on the settings page: not a whole number, or out of bounds. */
export type ServiceLevelFieldError = { code: 'whole' } | { code: 'range'; min: number; max: number };

/**
 * The settings page's form (strings, a checkbox "on") read into settings, or every bad field with
 * what is wrong with it, so each gets its message beside it and nothing is saved.
 */
export function readServiceLevelForm(
  form: Record<string, unknown>,
): { ok: true; value: ServiceLevelSettings } | { ok: false; errors: Partial<Record<ServiceLevelNumberField, ServiceLevelFieldError>> } {
  const errors: Partial<Record<ServiceLevelNumberField, ServiceLevelFieldError>> = {};
  const numbers = {} as Record<ServiceLevelNumberField, number>;
  for (const f of Object.keys(SERVICE_LEVEL_LIMITS) as ServiceLevelNumberField[]) {
    const raw = String(form[f] ?? '').trim();
    const { min, max } = SERVICE_LEVEL_LIMITS[f];
    if (!/^-?\d+$/.test(raw)) errors[f] = { code: 'whole' };
    else if (Number(raw) < min || Number(raw) > max) errors[f] = { code: 'range', min, max };
    else numbers[f] = Number(raw);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...numbers, autoCloseUnanswered: form.autoCloseUnanswered === 'on' || form.autoCloseUnanswered === true } };
}

export type ServiceLevelSettings = z.infer<typeof serviceLevelSettingsSchema>;

export const defaultServiceLevelSettings: ServiceLevelSettings = {
  nearlyPercent: 80,
  reminderAfterDays: 3,
  autoCloseUnanswered: false,
  autoCloseUnansweredAfterDays: 5,
  autoCloseResolvedAfterDays: 7,
  appealResolutionDays: APPEAL_RESOLUTION_DAYS,
};

export async function getServiceLevelSettings(db: Db | Tx): Promise<ServiceLevelSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'service_levels'));
  const parsed = serviceLevelSettingsSchema.safeParse({ ...defaultServiceLevelSettings, ...(row?.value as object | undefined) });
  return parsed.success ? parsed.data : defaultServiceLevelSettings;
}

/**
 * Saves the settings (admins), audited with the fields that changed. A new "hampir lewat" share
 * moves every open complaint's warning time: a recompute job is queued in the same transaction.
 * Returns whether it was.
 */
export async function saveServiceLevelSettings(db: Db, actor: { userId: string; ip?: string | null }, next: ServiceLevelSettings): Promise<{ recompute: boolean }> {
  const value = serviceLevelSettingsSchema.parse(next);
  return db.transaction(async (tx) => {
    // Read under the row's lock, so two admins saving at once each compare with what the other left.
    const [row] = await tx.select().from(settings).where(eq(settings.key, 'service_levels')).for('update');
    const before = serviceLevelSettingsSchema.safeParse({ ...defaultServiceLevelSettings, ...(row?.value as object | undefined) });
    const previous = before.success ? before.data : defaultServiceLevelSettings;
    await tx
      .insert(settings)
      .values({ key: 'service_levels', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    const changed = (Object.keys(value) as (keyof ServiceLevelSettings)[]).filter((k) => value[k] !== previous[k]);
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'settings.service_levels_updated', ip: actor.ip ?? null, detail: { ...value, changed } });
    const recompute = changed.includes('nearlyPercent') || changed.includes('appealResolutionDays');
    if (recompute) await enqueueSlaRecompute(tx);
    return { recompute };
  });
}
