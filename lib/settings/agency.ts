import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { settings } from '@/lib/db/schema';

// Agency settings live in the database so another treasury or agency can deploy the helpdesk by
// changing them (admins edit them in the console). Every reader reads the row when it needs it
// (no cache), so a saved change holds from the next request on, without a restart.

/** Months after closing a closed complaint's personal data is kept; then the retention job (lib/privacy/retention.ts) anonymises it. */
export const RETENTION_MONTHS = { min: 6, max: 120 } as const;

// WhatsApp Cloud API names: a template is lowercase letters, digits and underscores; a language
// code is `ms`, `en` or `en_US`.
const WHATSAPP_TEMPLATE_RE = /^[a-z0-9_]{1,512}$/;
const WHATSAPP_LANG_RE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/** The uploaded logo as stored: our own object key and the re-encoded image's hash (its version). */
const logoSchema = z.object({
  key: z.string().regex(/^agensi\/logo\/[0-9a-f]{64}\.(png|jpg)$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type AgencyLogo = z.infer<typeof logoSchema>;

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
  /** Shown in the public and console headers; null: none. */
  logo: logoSchema.nullable(),
  /**
   * WhatsApp notices switched on by an admin. Sending also needs the credentials in the
   * environment (WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID): secrets never live in the database.
   */
  whatsappEnabled: z.boolean(),
  /** The approved template's name and language; null: the environment's WHATSAPP_TEMPLATE(_LANG). */
  whatsappTemplate: z.string().regex(WHATSAPP_TEMPLATE_RE).nullable(),
  whatsappTemplateLang: z.string().regex(WHATSAPP_LANG_RE).nullable(),
  retentionMonths: z.number().int().min(RETENTION_MONTHS.min).max(RETENTION_MONTHS.max),
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
  logo: null,
  whatsappEnabled: true,
  whatsappTemplate: null,
  whatsappTemplateLang: null,
  retentionMonths: 24,
};

const read = (value: unknown): AgencySettings => agencySettingsSchema.parse({ ...defaultAgencySettings, ...(value as object | undefined) });

export async function getAgencySettings(db: Db | Tx): Promise<AgencySettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'agency'));
  return read(row?.value);
}

/** What a save changed, field by field, with the value before and after (for the audit log). */
export type AgencyChanges = Partial<{ [K in keyof AgencySettings]: { before: AgencySettings[K]; after: AgencySettings[K] } }>;

function changesBetween(before: AgencySettings, after: AgencySettings): AgencyChanges {
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(after) as (keyof AgencySettings)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) changed[k] = { before: before[k], after: after[k] };
  }
  return changed as AgencyChanges;
}

/**
 * Saves some of the agency settings (admins): the fields given replace the stored ones, the rest
 * stay. Read under the row's lock, so two admins saving different sections at once keep both.
 * Audited with each changed field's value before and after; the settings hold no personal data
 * (the agency's own phone and email are public), and the logo is its object key and hash.
 * Returns what changed.
 */
export async function saveAgencySettings(
  db: Db,
  actor: { userId: string; ip?: string | null },
  patch: Partial<AgencySettings>,
): Promise<AgencyChanges> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.key, 'agency')).for('update');
    const before = read(row?.value);
    const value = agencySettingsSchema.parse({ ...before, ...patch });
    await tx
      .insert(settings)
      .values({ key: 'agency', value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    const changed = changesBetween(before, value);
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'settings.agency_updated', ip: actor.ip ?? null, detail: { changed } });
    return changed;
  });
}

// --- the settings page's sections, read from their forms (strings, a checkbox "on")

/** A field's refusal, by code (words in the `agencyMore.errors` messages). */
export type AgencyFieldError = 'template_invalid' | 'lang_invalid' | 'retention_whole' | 'retention_range';
type FormRead<T> = { ok: true; value: T } | { ok: false; errors: Record<string, AgencyFieldError> };

/** WhatsApp: the switch, the template's name and its language. */
export function readWhatsAppForm(
  form: Record<string, unknown>,
): FormRead<Pick<AgencySettings, 'whatsappEnabled' | 'whatsappTemplate' | 'whatsappTemplateLang'>> {
  const template = String(form.whatsappTemplate ?? '').trim();
  const lang = String(form.whatsappTemplateLang ?? '').trim();
  const errors: Record<string, AgencyFieldError> = {};
  if (!WHATSAPP_TEMPLATE_RE.test(template)) errors.whatsappTemplate = 'template_invalid';
  if (!WHATSAPP_LANG_RE.test(lang)) errors.whatsappTemplateLang = 'lang_invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { whatsappEnabled: form.whatsappEnabled === 'on' || form.whatsappEnabled === true, whatsappTemplate: template, whatsappTemplateLang: lang },
  };
}

/** Retention: a whole number of months within RETENTION_MONTHS. */
export function readRetentionForm(form: Record<string, unknown>): FormRead<Pick<AgencySettings, 'retentionMonths'>> {
  const raw = String(form.retentionMonths ?? '').trim();
  if (!/^\d{1,4}$/.test(raw)) return { ok: false, errors: { retentionMonths: 'retention_whole' } };
  const months = Number(raw);
  if (months < RETENTION_MONTHS.min || months > RETENTION_MONTHS.max) return { ok: false, errors: { retentionMonths: 'retention_range' } };
  return { ok: true, value: { retentionMonths: months } };
}
