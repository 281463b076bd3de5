import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { settings } from '@/lib/db/schema';

// Agency settings live in the database so another treasury or agency can deploy the helpdesk by
// changing them (admins edit them in the console).
const agencySettingsSchema = z.object({
  name: z.string().min(1),
  shortName: z.string().min(1),
  address: z.string().min(1),
  phone: z.string().min(1),
  email: z.string().email(),
  website: z.string().url(),
  complaintPrefix: z.string().regex(/^[A-Z]{2,6}$/),
  strictLookup: z.boolean(),
  // Every officer must use an authenticator code to sign in (those without one enrol first).
  requireTotp: z.boolean(),
});

export type AgencySettings = z.infer<typeof agencySettingsSchema>;

export const defaultAgencySettings: AgencySettings = {
  name: 'Perbendaharaan Negeri Kelantan',
  shortName: 'PKN',
  address: 'Blok 4, Kompleks Kota Darulnaim, 15503 Kota Bharu, Kelantan Darul Naim.',
  phone: '09 748 1957',
  email: 'treasury@kelantan.gov.my',
  website: 'https://pkn.kelantan.gov.my',
  complaintPrefix: 'PKN',
  strictLookup: false,
  requireTotp: false,
};

export async function getAgencySettings(db: Db | Tx): Promise<AgencySettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'agency'));
  return agencySettingsSchema.parse({ ...defaultAgencySettings, ...(row?.value as object | undefined) });
}

/** Saves the agency settings (admins), audited with what changed. */
export async function saveAgencySettings(db: Db, actor: { userId: string; ip?: string | null }, next: AgencySettings): Promise<void> {
  const value = agencySettingsSchema.parse(next);
  await db.transaction(async (tx) => {
    const before = await getAgencySettings(tx);
    await tx
      .insert(settings)
      .values({ key: 'agency', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    const changed = (Object.keys(value) as (keyof AgencySettings)[]).filter((k) => before[k] !== value[k]);
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'settings.agency_updated', ip: actor.ip ?? null, detail: { changed } });
  });
}
