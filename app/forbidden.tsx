import { getTranslations } from 'next-intl/server';
import { ErrorPanel } from '@/components/errors/error-panel';

// 403: shown by forbidden() (lib/auth/guard.ts) when a signed-in officer lacks the page's permission.
export default async function Forbidden() {
  const t = await getTranslations('forbidden');
  return <ErrorPanel title={t('title')} message={t('message')} links={[{ href: '/konsol', label: t('back') }]} />;
}
