import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/guard';
import { formatMyDateTime } from '@/lib/calendar/format';
import { getConsoleDb } from '@/lib/db';
import { LIST_FILTERS, listArticles, toListFilter } from '@/lib/kb/articles';

// Soalan Lazim articles (officers and up): those awaiting publication first, then published, then
// retired; filtered by `?status=menunggu|diterbitkan|ditarik` (an unknown value shows all).
export default async function KbArticlesPage({ searchParams }: { searchParams: Promise<{ status?: string | string[] }> }) {
  await requireStaff('kb.draft');
  const t = await getTranslations('kbAuthor');
  const { status } = await searchParams;
  const filter = toListFilter(typeof status === 'string' ? status : undefined);
  const rows = await listArticles(getConsoleDb(), filter);
  const chip = (active: boolean) => `rounded-full px-3 py-1 text-sm ring-1 ${active ? 'bg-slate-900 text-white ring-slate-900' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'}`;
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <nav aria-label={t('filterLabel')} className="flex flex-wrap gap-2">
        <Link href="/konsol/soalan-lazim" className={chip(!filter)} aria-current={!filter ? 'page' : undefined}>
          {t('all')}
        </Link>
        {LIST_FILTERS.map((f) => (
          <Link key={f} href={`/konsol/soalan-lazim?status=${f}`} className={chip(filter === f)} aria-current={filter === f ? 'page' : undefined}>
            {t(`filters.${f}`)}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-slate-700 shadow-sm ring-1 ring-slate-200">{t('empty')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('columns.title')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.status')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.version')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.published')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200" data-testid="kb-row">
                  <td className="px-3 py-2">
                    <Link href={`/konsol/soalan-lazim/${r.id}`} className="font-medium text-blue-800 underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {t(`status.${r.status}`)}
                    {r.awaiting && r.status !== 'draft' && <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t('awaiting')}</span>}
                  </td>
                  <td className="px-3 py-2">{r.latestVersion}</td>
                  <td className="px-3 py-2">{r.publishedVersion ?? t('none')}</td>
                  <td className="px-3 py-2">{formatMyDateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
