'use server';

import { getLocale, getTranslations } from 'next-intl/server';
import { redirect, unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { asForm } from '@/lib/http/params';
import { toActionResult, type ActionResult } from '@/lib/http/errors';
import { toLocale } from '@/lib/i18n/config';
import { setPasswordWithLink } from '@/lib/staff/accounts';

const input = z.object({ token: z.string().max(64), password: z.string().max(4096), confirm: z.string().max(4096) });

/** The set-password link's form (an invitation or a reset): spends the link, then off to sign in. */
export async function setPasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('accounts');
  try {
    const data = input.parse(Object.fromEntries(asForm(form).entries()));
    const r = await setPasswordWithLink(getConsoleDb(), { ...data, ip: await currentIp() });
    if (!r.ok) {
      if (r.reason === 'link_invalid') return { ok: false, message: t('setPassword.invalid') };
      return { ok: false, message: t('password.errors.form'), fieldErrors: { [r.field]: t(`password.errors.${r.reason}`) } };
    }
    redirect('/konsol/log-masuk?notis=kata-laluan-ditetapkan');
  } catch (e) {
    unstable_rethrow(e);
    return toActionResult(e, toLocale(await getLocale()));
  }
}
