'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { formatMyDateTime } from '@/lib/calendar/format';
import { submitSatisfactionLink } from '@/lib/complaints/satisfaction';
import { getDb } from '@/lib/db';
import { RateLimitedError } from '@/lib/errors';
import { currentIp } from '@/lib/http/action-context';
import { toActionResult } from '@/lib/http/errors';
import { toLocale } from '@/lib/i18n/config';
import { asForm } from '@/lib/http/params';

export type VerdictState =
  | { ok: true; message: string; appeal: boolean }
  | { ok: false; message: string; fieldErrors?: Record<string, string>; refused?: boolean };

/**
 * The emailed satisfaction link's form (public: the signed link is the authority). Records the
 * verdict once per round; a used, expired or forged link is refused (lib/complaints/satisfaction.ts).
 */
export async function submitVerdictAction(_previous: VerdictState | null, sent: FormData): Promise<VerdictState> {
  const form = asForm(sent);
  const t = await getTranslations('satisfaction');
  try {
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const r = await submitSatisfactionLink(getDb(), { number: String(fields.number ?? ''), token: String(fields.t ?? ''), fields, ip: await currentIp() });
    if (r.ok) {
      if (r.appeal) return { ok: true, appeal: true, message: t('outcome.appeal', { days: r.appeal.resolutionDays, due: formatMyDateTime(r.appeal.dueAt) }) };
      const more = r.noAppeal === 'used' ? t('outcome.appealUsed') : r.noAppeal === 'not_appealable' ? t('outcome.notAppealable') : t('outcome.thanks');
      return { ok: true, appeal: false, message: more };
    }
    switch (r.reason) {
      case 'invalid':
        return { ok: false, message: t('errors.form'), fieldErrors: Object.fromEntries(Object.entries(r.fieldErrors).map(([k, code]) => [k, t(`errors.${code}` as 'errors.form')])) };
      case 'rate_limited':
        throw new RateLimitedError(r.retryAfterSeconds, r.helpdesk);
      case 'invalid_link':
        return { ok: false, refused: true, message: t('link.invalid') };
      case 'expired':
        return { ok: false, refused: true, message: t('link.expired') };
      case 'used':
        return { ok: false, refused: true, message: t('link.used') };
    }
  } catch (e) {
    const failed = toActionResult(e, toLocale(await getLocale()));
    return { ok: false, message: failed.message ?? '' };
  }
}
