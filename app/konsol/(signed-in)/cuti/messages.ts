import 'server-only';
import { z } from 'zod';
import { HolidayInputError } from '@/lib/calendar/holidays';
import type { ActionResult } from '@/lib/http/errors';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage } from '@/lib/i18n/errors';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

// The `holidays` messages read by this page's server actions (outside React), in the officer's
// language, with plain `{name}` placeholders like lib/i18n/errors.ts.

const catalogues = { ms: ms.holidays, en: en.holidays } as const;
type Key = Exclude<keyof typeof ms.holidays, 'errors' | 'rowErrors' | 'weekdays'>;
type ErrorKey = keyof typeof ms.holidays.errors;

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

export const holidayText = (key: Key, locale: Locale, params: Record<string, string | number> = {}) => fill(catalogues[locale][key], params);

const errorText = (code: string, locale: Locale, params: Record<string, string | number> = {}) =>
  Object.hasOwn(catalogues[locale].errors, code) ? fill(catalogues[locale].errors[code as ErrorKey], params) : errorMessage('invalid', locale);

/** A refusal as the form shows it: each field's words beside it, the form's on top. */
export function holidayRefusal(fieldErrors: Record<string, string>, locale: Locale, params: Record<string, string | number> = {}): ActionResult {
  const fields = Object.fromEntries(Object.entries(fieldErrors).map(([f, code]) => [f, errorText(code, locale, params)]));
  return { ok: false, message: fields.form ?? fields.file ?? errorMessage('invalid', locale), fieldErrors: fields };
}

/** Runs a holiday service call; its refusals (and zod's, by their message codes) answered in `holidays` words. */
export async function answering<R>(locale: Locale, run: () => Promise<R>): Promise<R | ActionResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof HolidayInputError) return holidayRefusal(e.fieldErrors as Record<string, string>, locale, e.params);
    if (e instanceof z.ZodError) {
      const fields: Record<string, string> = {};
      for (const issue of e.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
      return holidayRefusal(fields, locale);
    }
    throw e;
  }
}
