import { getTranslations } from 'next-intl/server';
import { ErrorPanel } from '@/components/errors/error-panel';

// 404: notFound() from a public page (e.g. a complaint number that does not exist), inside the
// site's frame. An unknown address gets app/global-not-found.tsx; the console has its own
// (app/konsol/(signed-in)/not-found.tsx), which leads back to the console.
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <ErrorPanel title={t('title')} message={t('message')}
      links={[{ href: '/', label: t('back') }, { href: '/semakan', label: t('lookup') }]} />
  );
}
