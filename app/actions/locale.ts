'use server';

import { cookies } from 'next/headers';
import { appUrl } from '@/lib/env';
import { asForm } from '@/lib/http/params';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';

/** Remembers the visitor's language for a year. Public and harmless: it only sets a cookie. */
export async function setLocale(formData: FormData): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(String(asForm(formData).get('locale'))), {
    maxAge: 365 * 86_400,
    sameSite: 'lax',
    path: '/',
    // Read only by the server; sent only over HTTPS where the site is served over HTTPS.
    httpOnly: true,
    secure: appUrl().startsWith('https://'),
  });
}
