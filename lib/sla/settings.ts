import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { settings } from '@/lib/db/schema';
import { enqueueRecompute } from '@/lib/jobs/boss';

// The service-level automation's settings (key `service_levels`), edited by admins: when a
// complaint counts as nearly late, when the complainant is reminded, and when complaints close by
// themselves. Counts of days are working days, except the charter's "closed N days after
// resolved", which the complainant reads as calendar days.

export const serviceLevelSettingsSchema = z.object({
  /** Share of the resolution target after which a complaint is "hampir lewat" and its officer told. */
  nearlyPercent: z.number().int().min(1).max(99),
  /** Working days in *menunggu pengadu* before the complainant gets one reminder. */
  reminderAfterDays: z.number().int().min(1).max(60),
  /** Close a complaint that still has no answer this many working days after the reminder. */
  autoCloseUnanswered: z.boolean(),
  autoCloseUnansweredAfterDays: z.number().int().min(1).max(60),
  /** Days a *selesai* complaint waits for the complainant before it is closed automatically. */
  autoCloseResolvedAfterDays: z.number().int().min(1).max(90),
});

export type ServiceLevelSettings = z.infer<typeof serviceLevelSettingsSchema>;

export const defaultServiceLevelSettings: ServiceLevelSettings = {
  nearlyPercent: 80,
  reminderAfterDays: 3,
  autoCloseUnanswered: false,
  autoCloseUnansweredAfterDays: 5,
  autoCloseResolvedAfterDays: 7,
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
    const recompute = changed.includes('nearlyPercent');
    if (recompute) await enqueueRecompute(tx, 'open');
    return { recompute };
  });
}
