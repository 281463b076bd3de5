'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { appUrl } from '@/lib/env';
import { asForm } from '@/lib/http/params';
import { prerenderedAddress } from '@/lib/http/prerendered';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';

/**
 * Remembers the visitor's language for a year. Public and harmless: it only sets a cookie. From a
 * prerendered page, the visitor is sent to its address again for the copy in the new language: the
 * address comes from the path proxy.ts names (`x-pathname`, never a client's; Next.js may hand the
 * action to the copy's own path), and only a prerendered address is ever a target.
 */
export async function setLocale(formData: FormData): Promise<void> {
  const form = asForm(formData);
  (await cookies()).set(LOCALE_COOKIE, toLocale(String(form.get('locale'))), {
    maxAge: 365 * 86_400,
    sameSite: 'lax',
    path: '/',
    // Read only by the server; sent only over HTTPS where the site is served over HTTPS.
    httpOnly: true,
    secure: appUrl().startsWith('https://'),
  });
  const address = prerenderedAddress((await headers()).get('x-pathname') ?? '');
  if (address) redirect(address);
}
