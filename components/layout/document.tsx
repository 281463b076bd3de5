import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { ROOT_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';
import type { Locale } from '@/lib/i18n/config';
import '@/app/globals.css';

// The <html> document every page is drawn in. The app has several root layouts (app/(public),
// app/konsol, app/(prerendered)): the prerendered pages are static, so their root layout takes the
// language from its path, where the others read the visitor's cookie or the officer's account.

export async function documentMetadata(locale?: Locale): Promise<Metadata> {
  const t = locale ? await getTranslations({ locale, namespace: 'meta' }) : await getTranslations('meta');
  return { title: t('title'), description: t('description') };
}

export const documentViewport: Viewport = { width: 'device-width', initialScale: 1 };

export async function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const messages = pickMessages(await getMessages({ locale }), ROOT_CLIENT_NAMESPACES);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
