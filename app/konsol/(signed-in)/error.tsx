'use client';

import { useTranslations } from 'next-intl';
import { ErrorPanel } from '@/components/errors/error-panel';

// An unexpected error on a console page: drawn inside the console's frame, back to the queue.
export default function ConsoleErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <ErrorPanel title={t('title')} message={t('message')}
      reference={error.digest ? t('reference', { id: error.digest }) : undefined}
      retry={{ label: t('retry'), onClick: reset }}
      links={[{ href: '/konsol', label: t('console') }]} />
  );
}
