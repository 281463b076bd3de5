import { getTranslations } from 'next-intl/server';
import { scalarParams } from '@/lib/http/params';

// The link in a strict lookup's email lands here and spends nothing: email scanners that open
// links would otherwise use up the single-use token. The person confirms with one button (POST).
export default async function LookupLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('lookup');
  const { token } = scalarParams(await searchParams, ['token']);
  return (
    <div className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-bold text-brand-800">{t('linkTitle')}</h1>
      <p className="text-slate-700">{t('linkIntro')}</p>
      <form method="post" action="/semakan/pautan/buka">
        <input type="hidden" name="token" value={token ?? ''} />
        <button type="submit" className="rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          {t('linkOpen')}
        </button>
      </form>
    </div>
  );
}
