import 'server-only';
import { z } from 'zod';
import type { KbRedaction } from '@/lib/db/schema';
import type { ActionResult } from '@/lib/http/errors';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage } from '@/lib/i18n/errors';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import { KbInputError } from '@/lib/kb/articles';
import { REDACTION_KINDS } from '@/lib/kb/redact';

// The `kbAuthor` messages read by the article actions (outside React), in the officer's language,
// with plain `{name}` placeholders like lib/i18n/errors.ts.

const catalogues = { ms: ms.kbAuthor, en: en.kbAuthor } as const;
type Key = 'saved' | 'published' | 'retired' | 'removed' | 'removedNone';
type ErrorKey = keyof typeof ms.kbAuthor.errors;

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

export const kbText = (key: Key, locale: Locale, params: Record<string, string | number> = {}) => fill(catalogues[locale][key], params);

/** "Maklumat peribadi dibuang: 1 nama, 1 no. KP, …" (or that nothing was found). */
export function removedText(removed: readonly KbRedaction[], locale: Locale): string {
  if (removed.length === 0) return kbText('removedNone', locale);
  const byKind = new Map(removed.map((r) => [r.kind, r.count]));
  const list = REDACTION_KINDS.filter((k) => byKind.has(k)).map((k) => fill(catalogues[locale].kinds[k], { count: byKind.get(k)! }));
  return kbText('removed', locale, { list: list.join(', ') });
}

const errorText = (code: string, locale: Locale) =>
  Object.hasOwn(catalogues[locale].errors, code) ? catalogues[locale].errors[code as ErrorKey] : errorMessage(code, locale);

/** Runs an article service call; its refusals (and zod's, by their codes) answered in `kbAuthor` words beside their fields. */
export async function answering<R>(locale: Locale, run: () => Promise<R>): Promise<R | ActionResult> {
  try {
    return await run();
  } catch (e) {
    let fields: Record<string, string> | null = null;
    if (e instanceof KbInputError) fields = { ...(e.fieldErrors as Record<string, string>) };
    if (e instanceof z.ZodError) {
      fields = {};
      for (const issue of e.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
    }
    if (!fields) throw e;
    const worded = Object.fromEntries(Object.entries(fields).map(([f, code]) => [f, errorText(code, locale)]));
    return { ok: false, message: worded.form ?? errorMessage('invalid', locale), fieldErrors: worded };
  }
}
