import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import { Document, documentMetadata, documentViewport } from '@/components/layout/document';
import { toLocale } from '@/lib/i18n/config';
import { CONSOLE_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';

export const generateMetadata = () => documentMetadata();
export const viewport = documentViewport;

// The console's root layout, in the signed-in officer's language. Its client components read more
// namespaces than the public site's (sign-in, the composer, settings forms): a provider of its own
// for every /konsol page, signed in or not.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  return (
    <Document locale={toLocale(await getLocale())}>
      <NextIntlClientProvider messages={pickMessages(await getMessages(), CONSOLE_CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>
    </Document>
  );
}
