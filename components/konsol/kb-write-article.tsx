import { getTranslations } from 'next-intl/server';
import { draftFromComplaintAction } from '@/app/konsol/(signed-in)/soalan-lazim/actions';
import { ActionForm } from './action-form';

/** "Tulis artikel Soalan Lazim" on a resolved or closed complaint (shown when `capabilities().writeArticle`). */
export async function KbWriteArticle({ number, className }: { number: string; className: string }) {
  const t = await getTranslations('kbAuthor');
  return (
    <section className={`${className} space-y-2`} aria-label={t('write')}>
      <p className="text-sm text-slate-700">{t('writeHint')}</p>
      <ActionForm action={draftFromComplaintAction} label={t('write')} submitLabel={t('write')}>
        <input type="hidden" name="number" value={number} />
      </ActionForm>
    </section>
  );
}
