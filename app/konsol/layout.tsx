import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { CONSOLE_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';

// The console's client components read more namespaces than the public site's (sign-in, the
// composer, settings forms): a provider of its own for every /konsol page, signed in or not.
export default async function ConsoleMessagesLayout({ children }: { children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), CONSOLE_CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>;
}
