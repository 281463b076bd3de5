import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { getDb } from '@/lib/db';
import { PUBLIC_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';
import type { Locale } from '@/lib/i18n/config';
import { getAgencySettings } from '@/lib/settings/agency';
import { logoUrl } from '@/lib/settings/logo';

/** The public site's frame (header, main, footer) and the messages its client components read. */
export async function PublicChrome({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const agency = await getAgencySettings(getDb());
  const messages = pickMessages(await getMessages({ locale }), PUBLIC_CLIENT_NAMESPACES);
  return (
    <NextIntlClientProvider messages={messages}>
      <SiteHeader agencyName={agency.name} logoUrl={logoUrl(agency)} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
        {children}
      </main>
      <SiteFooter agency={agency} />
    </NextIntlClientProvider>
  );
}
