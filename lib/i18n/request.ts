import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { MALAYSIA_TZ } from '@/lib/calendar/zone';
import { LOCALE_COOKIE, toLocale } from './config';

// Malay unless the visitor chose English (cookie set by the language switch); no locale in URLs.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    timeZone: MALAYSIA_TZ,
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
