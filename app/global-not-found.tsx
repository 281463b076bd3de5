import { getLocale, getTranslations } from 'next-intl/server';
import { Document, documentMetadata, documentViewport } from '@/components/layout/document';
import { ErrorMain, ErrorPanel } from '@/components/errors/error-panel';
import { toLocale } from '@/lib/i18n/config';

export const generateMetadata = () => documentMetadata();
export const viewport = documentViewport;

// 404 for an address no page has. The app has several root layouts (components/layout/document.tsx),
// so this page draws its own document; notFound() from a page is answered by its part's not-found.tsx.
export default async function GlobalNotFound() {
  const t = await getTranslations('notFound');
  return (
    <Document locale={toLocale(await getLocale())}>
      <ErrorMain>
        <ErrorPanel title={t('title')} message={t('message')}
          links={[{ href: '/', label: t('back') }, { href: '/semakan', label: t('lookup') }]} />
      </ErrorMain>
    </Document>
  );
}
