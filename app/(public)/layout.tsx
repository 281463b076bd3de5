import { getLocale } from 'next-intl/server';
import { Document, documentMetadata, documentViewport } from '@/components/layout/document';
import { PublicChrome } from '@/components/layout/public-chrome';
import { toLocale } from '@/lib/i18n/config';

// The public pages drawn per request (a complaint, a lookup's results, the knowledge base): the
// visitor's language from their cookie. The form is prerendered instead (app/(prerendered)).
export const dynamic = 'force-dynamic';

export const generateMetadata = () => documentMetadata();
export const viewport = documentViewport;

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const locale = toLocale(await getLocale());
  return (
    <Document locale={locale}>
      <PublicChrome locale={locale}>{children}</PublicChrome>
    </Document>
  );
}
