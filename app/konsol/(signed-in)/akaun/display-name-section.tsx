import { getTranslations } from 'next-intl/server';
import { ListForm } from '@/components/konsol/lists/list-form';
import { DISPLAY_NAME_MAX } from '@/lib/staff/display-name';
import { setDisplayNameAction } from './name-actions';

/** The officer's display name: what the public reads on their replies (lib/staff/display-name.ts). */
export async function DisplayNameSection({ name, className }: { name: string; className: string }) {
  const t = await getTranslations('lists.displayName');
  return (
    <section aria-labelledby="display-name-title" className={className}>
      <h2 id="display-name-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-slate-700">{t('intro')}</p>
      <ListForm action={setDisplayNameAction} formLabel={t('title')} idPrefix="display" layout="" submitLabel={t('save')}
        fields={[{ name: 'name', label: t('label'), hint: t('hint'), defaultValue: name, maxLength: DISPLAY_NAME_MAX, autoComplete: 'name' }]} />
    </section>
  );
}
