'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { getConsoleDb } from '@/lib/db';
import { RateLimitedError } from '@/lib/errors';
import { currentIp } from '@/lib/http/action-context';
import { toActionResult, type ActionResult } from '@/lib/http/errors';
import { toLocale } from '@/lib/i18n/config';
import { requestPasswordReset } from '@/lib/staff/accounts';
import { asForm } from '@/lib/http/params';

export type ForgotState = ActionResult & { email?: string };

/** "Lupa kata laluan": the same sentence whether or not the email has an account. */
export async function forgotPasswordAction(_previous: ForgotState | null, sent: FormData): Promise<ForgotState> {
  const form = asForm(sent);
  const t = await getTranslations('accounts');
  const locale = toLocale(await getLocale());
  const email = String(form.get('email') ?? '').trim().slice(0, 254);
  try {
    if (!z.email().safeParse(email).success) {
      return { ok: false, message: t('password.errors.form'), fieldErrors: { email: t('forgot.emailInvalid') }, email };
    }
    const r = await requestPasswordReset(getConsoleDb(), { email, ip: await currentIp() });
    if (!r.ok) throw new RateLimitedError(r.retryAfterSeconds, r.helpdesk);
    return { ok: true, message: t('forgot.sent') };
  } catch (e) {
    unstable_rethrow(e);
    return { ...toActionResult(e, locale), email };
  }
}
