import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Db } from '@/lib/db';
import { similarForComplaint } from '@/lib/kb/search';

/**
 * For officers on a complaint's page: resolved complaints like it and published articles, so the
 * same problem gets the same answer. Rendered inside a Suspense boundary: it never holds the page.
 */
export async function SimilarPanel({ db, complaintId, className }: { db: Db; complaintId: string; className: string }) {
  const t = await getTranslations('kbPublic');
  const ts = await getTranslations('status');
  const { complaints, articles } = await similarForComplaint(db, complaintId);
  return (
    <>
      <section className={className} aria-labelledby="similar-complaints" data-testid="similar-complaints">
        <h2 id="similar-complaints" className="text-lg font-semibold">
          {t('similarHeading')}
        </h2>
        {complaints.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t('similarNone')}</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {complaints.map((k) => (
              <li key={k.number}>
                <Link className="font-mono underline" href={`/konsol/aduan/${k.number}`}>
                  {k.number}
                </Link>{' '}
                <span className="break-words">{k.title}</span> <span className="text-slate-600">({ts(k.status)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={className} aria-labelledby="related-articles" data-testid="related-articles">
        <h2 id="related-articles" className="text-lg font-semibold">
          {t('articlesHeading')}
        </h2>
        {articles.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t('articlesNone')}</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {articles.map((a) => (
              <li key={a.id}>
                <Link className="underline" href={`/soalan-lazim/${a.slug}`} target="_blank" rel="noopener">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export async function SimilarPanelLoading({ className }: { className: string }) {
  const t = await getTranslations('kbPublic');
  return (
    <p className={`${className} text-sm text-slate-600`} role="status">
      {t('similarLoading')}
    </p>
  );
}
