import { getTranslations } from 'next-intl/server';
import { ErrorPanel } from '@/components/errors/error-panel';

// 404: an unknown address, or notFound() from a public page. The console has its own
// (app/konsol/(signed-in)/not-found.tsx), which leads back to the console.
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <ErrorPanel title={t('title')} message={t('message')}
      links={[{ href: '/', label: t('back') }, { href: '/semakan', label: t('lookup') }]} />
  );
}
