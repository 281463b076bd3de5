import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db';
import { listPublishedArticles, searchPublishedArticles, snippet, type ArticleHit } from '@/lib/kb/search';

export async function generateMetadata() {
  const t = await getTranslations('kbPublic');
  return { title: `${t('title')} · Helpdesk iSPEKS` };
}

/** Soalan Lazim: a search box (GET ?q=) and its results, or every published article by category. */
export default async function FaqPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const t = await getTranslations('kbPublic');
  const locale = await getLocale();
  const raw = (await searchParams).q;
  const q = (typeof raw === 'string' ? raw : '').slice(0, 200).trim();
  const db = getDb();
  const categoryOf = (a: ArticleHit) => (locale === 'en' ? a.categoryEn : a.categoryMs) ?? t('uncategorised');

  const item = (a: ArticleHit) => (
    <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Link href={`/soalan-lazim/${a.slug}`} className="text-lg font-semibold text-brand-700 underline">
        {a.title}
      </Link>
      <p className="mt-1 text-sm text-slate-700">{snippet(a.problem)}</p>
    </li>
  );

  let content: React.ReactNode;
  if (q) {
    const hits = await searchPublishedArticles(db, q, { limit: 20 });
    content = (
      <section aria-labelledby="results" className="mt-6">
        <h2 id="results" className="text-lg font-semibold text-slate-900">
          {t('results', { count: hits.length, q })}
        </h2>
        {hits.length === 0 ? (
          <p className="mt-2 text-slate-700">
            {t('noResults')}{' '}
            <Link href="/" className="text-brand-700 underline">
              {t('fileComplaint')}
            </Link>
          </p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="faq-results">
            {hits.map(item)}
          </ul>
        )}
        <p className="mt-4">
          <Link href="/soalan-lazim" className="text-brand-700 underline">
            {t('showAll')}
          </Link>
        </p>
      </section>
    );
  } else {
    const all = await listPublishedArticles(db);
    const groups = new Map<string, ArticleHit[]>();
    for (const a of all) groups.set(categoryOf(a), [...(groups.get(categoryOf(a)) ?? []), a]);
    content =
      all.length === 0 ? (
        <p className="mt-6 text-slate-700">{t('empty')}</p>
      ) : (
        <div className="mt-6 space-y-6">
          {[...groups].map(([name, list], i) => (
            <section key={name} aria-labelledby={`kat-${i}`}>
              <h2 id={`kat-${i}`} className="text-lg font-semibold text-slate-900">
                {name}
              </h2>
              <ul className="mt-2 space-y-3">{list.map(item)}</ul>
            </section>
          ))}
        </div>
      );
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
      <form method="get" action="/soalan-lazim" role="search" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="faq-q" className="block font-medium text-slate-900">
          {t('searchLabel')}
        </label>
        <p id="faq-q-hint" className="text-sm text-slate-600">
          {t('searchHint')}
        </p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <input id="faq-q" name="q" type="search" defaultValue={q} maxLength={200} aria-describedby="faq-q-hint"
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2" />
          <button type="submit" className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            {t('searchButton')}
          </button>
        </div>
      </form>
      {content}
      <p className="mt-8 text-slate-700">
        {t('stillNeedHelp')}{' '}
        <Link href="/" className="font-medium text-brand-700 underline">
          {t('fileComplaint')}
        </Link>
      </p>
    </>
  );
}
