import { getTranslations } from 'next-intl/server';

/**
 * Ends the lookup session on this browser (clears the grant cookie). Lookups are often made on a
 * shared office PC, so the person who looked up says when they are done; a plain form POST.
 */
export async function EndLookupSession() {
  const t = await getTranslations('lookup');
  return (
    <form method="post" action="/semakan/tamat" className="mt-6 flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-700">{t('endSessionHint')}</p>
      <button type="submit" className="shrink-0 rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
        {t('endSession')}
      </button>
    </form>
  );
}
