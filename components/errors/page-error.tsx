'use client';

import { useTranslations } from 'next-intl';
import { ErrorPanel } from '@/components/errors/error-panel';

// An unexpected error while drawing a page (each root layout's error.tsx). The root layout (and its
// NextIntlClientProvider) is still there, so the page speaks the visitor's language. Nothing about the error is shown but
// Next's digest, which matches the server log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <ErrorPanel title={t('title')} message={t('message')}
      reference={error.digest ? t('reference', { id: error.digest }) : undefined}
      retry={{ label: t('retry'), onClick: reset }}
      links={[{ href: '/', label: t('home') }, { href: '/semakan', label: t('lookup') }]} />
  );
}
