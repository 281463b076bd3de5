import { getTranslations } from 'next-intl/server';
import { ErrorMain, ErrorPanel } from '@/components/errors/error-panel';

// 403: shown by forbidden() (lib/auth/guard.ts) when a signed-in officer lacks the page's permission,
// in place of the console's frame.
export default async function Forbidden() {
  const t = await getTranslations('forbidden');
  return (
    <ErrorMain>
      <ErrorPanel title={t('title')} message={t('message')} links={[{ href: '/konsol', label: t('back') }]} />
    </ErrorMain>
  );
}
