import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { MALAYSIA_TZ } from '@/lib/calendar/zone';
import { LOCALE_COOKIE, toLocale } from './config';
import { consoleLocale } from './console-locale';

// Malay unless the visitor chose English (cookie set by the language switch); no locale in URLs.
// In the console, the signed-in officer's own choice (users.locale) instead. The prerendered form
// names its language itself (setRequestLocale), and reads nothing of the request.
export default getRequestConfig(async ({ requestLocale }) => {
  const fixed = await requestLocale;
  const locale = fixed ? toLocale(fixed) : ((await consoleLocale()) ?? toLocale((await cookies()).get(LOCALE_COOKIE)?.value));
  return {
    locale,
    timeZone: MALAYSIA_TZ,
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
