import { createTranslator } from 'next-intl';
import type { Db } from '@/lib/db';
import type { ActionResult } from '@/lib/http/errors';
import type { Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import { RETENTION_MONTHS, readRetentionForm, readWhatsAppForm, saveAgencySettings, type AgencyFieldError } from './agency';
import { LOGO_BYTES_MAX, LogoRefusedError, removeLogo, uploadLogo, type LogoError } from './logo';

// The settings page's sections (logo, WhatsApp, retention) as their forms send them: each refusal
// answered beside its field in the officer's language (`agencyMore` messages), nothing saved;
// the server actions in app/konsol/(signed-in)/tetapan/actions.ts only pass the request on.

const translators = {
  ms: createTranslator({ locale: 'ms', messages: ms, namespace: 'agencyMore' }),
  en: createTranslator({ locale: 'en', messages: en as typeof ms, namespace: 'agencyMore' }),
};

type Actor = { userId: string; ip?: string | null };

/** A field's refusal in the reader's language. */
export function agencyFieldMessage(code: AgencyFieldError | LogoError, locale: Locale): string {
  const t = translators[locale];
  return t(`errors.${code}`, { min: RETENTION_MONTHS.min, max: RETENTION_MONTHS.max, mb: LOGO_BYTES_MAX / (1024 * 1024) });
}

function refusal(errors: Record<string, AgencyFieldError | LogoError>, locale: Locale): ActionResult {
  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, agencyFieldMessage(code, locale)]));
  return { ok: false, message: translators[locale]('invalid'), fieldErrors };
}

export async function submitWhatsAppForm(db: Db, actor: Actor, form: Record<string, unknown>, locale: Locale): Promise<ActionResult> {
  const read = readWhatsAppForm(form);
  if (!read.ok) return refusal(read.errors, locale);
  await saveAgencySettings(db, actor, read.value);
  return { ok: true, message: translators[locale]('saved') };
}

export async function submitRetentionForm(db: Db, actor: Actor, form: Record<string, unknown>, locale: Locale): Promise<ActionResult> {
  const read = readRetentionForm(form);
  if (!read.ok) return refusal(read.errors, locale);
  await saveAgencySettings(db, actor, read.value);
  return { ok: true, message: translators[locale]('saved') };
}

/** The logo form's file (or nothing chosen). */
export async function submitLogo(db: Db, actor: Actor, file: unknown, locale: Locale): Promise<ActionResult> {
  if (!(file instanceof Blob) || file.size === 0) return refusal({ logo: 'logo_empty' }, locale);
  // Refused before reading it into memory.
  if (file.size > LOGO_BYTES_MAX) return refusal({ logo: 'logo_size' }, locale);
  try {
    await uploadLogo(db, actor, new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    if (e instanceof LogoRefusedError) return refusal({ logo: e.code }, locale);
    throw e;
  }
  return { ok: true, message: translators[locale]('logoSaved') };
}

export async function submitLogoRemoval(db: Db, actor: Actor, locale: Locale): Promise<ActionResult> {
  await removeLogo(db, actor);
  return { ok: true, message: translators[locale]('logoRemoved') };
}
