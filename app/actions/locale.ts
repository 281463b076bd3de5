'use server';

import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';

/** Remembers the visitor's language for a year. Public and harmless: it only sets a cookie. */
export async function setLocale(formData: FormData): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(String(formData.get('locale'))), {
    maxAge: 365 * 86_400,
    sameSite: 'lax',
    path: '/',
  });
}
