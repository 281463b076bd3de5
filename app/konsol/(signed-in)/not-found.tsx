import { getTranslations } from 'next-intl/server';
import { ErrorPanel } from '@/components/errors/error-panel';

// notFound() from a console page (e.g. a complaint number that does not exist): inside the
// console's frame, back to the queue rather than the public home page.
export default async function ConsoleNotFound() {
  const t = await getTranslations('notFound');
  return <ErrorPanel title={t('title')} message={t('consoleMessage')} links={[{ href: '/konsol', label: t('console') }]} />;
}
