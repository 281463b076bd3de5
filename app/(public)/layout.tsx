import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { getDb } from '@/lib/db';
import { getAgencySettings } from '@/lib/settings/agency';
import { logoUrl } from '@/lib/settings/logo';

export const dynamic = 'force-dynamic';

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const agency = await getAgencySettings(getDb());
  return (
    <>
      <SiteHeader agencyName={agency.name} logoUrl={logoUrl(agency)} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
        {children}
      </main>
      <SiteFooter agency={agency} />
    </>
  );
}
