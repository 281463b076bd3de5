import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { getDb } from '@/lib/db';
import { PUBLIC_CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';
import { getAgencySettings } from '@/lib/settings/agency';
import { logoUrl } from '@/lib/settings/logo';

export const dynamic = 'force-dynamic';

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const agency = await getAgencySettings(getDb());
  const messages = pickMessages(await getMessages(), PUBLIC_CLIENT_NAMESPACES);
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
