import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { SolvedButton } from '@/components/kb/solved-button';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { getDb } from '@/lib/db';
import { getPublishedArticle } from '@/lib/kb/search';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params) {
  const t = await getTranslations('kbPublic');
  const article = await getPublishedArticle(getDb(), (await params).slug);
  return { title: `${article ? article.title : t('title')} · Helpdesk iSPEKS` };
}

/** One published article: problem, solution, category, the day it was last updated, and "this solved my problem". */
export default async function FaqArticlePage({ params }: Params) {
  const t = await getTranslations('kbPublic');
  const locale = await getLocale();
  const article = await getPublishedArticle(getDb(), (await params).slug);
  if (!article) notFound();
  const category = (locale === 'en' ? article.categoryEn : article.categoryMs) ?? t('uncategorised');
  return (
    <article>
      <p className="text-sm">
        <Link href="/soalan-lazim" className="text-brand-700 underline">
          ← {t('backToList')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-brand-800 sm:text-3xl">{article.title}</h1>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex gap-1">
          <dt className="font-medium">{t('category')}:</dt>
          <dd>{category}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-medium">{t('updated')}:</dt>
          <dd data-testid="faq-updated">{formatDisplayDay(malaysiaDay(article.updatedAt))}</dd>
        </div>
      </dl>
      <section aria-labelledby="masalah" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="masalah" className="text-lg font-semibold text-slate-900">
          {t('problem')}
        </h2>
        <p className="mt-2 whitespace-pre-line break-words">{article.problem}</p>
        <h2 className="mt-6 text-lg font-semibold text-slate-900">{t('solution')}</h2>
        <p className="mt-2 whitespace-pre-line break-words">{article.solution}</p>
        <SolvedButton slug={article.slug} source="faq" className="mt-6" />
      </section>
      <p className="mt-8 text-slate-700">
        {t('stillNeedHelp')}{' '}
        <Link href="/" className="font-medium text-brand-700 underline">
          {t('fileComplaint')}
        </Link>
      </p>
    </article>
  );
}
