import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { KbEditor } from '@/components/konsol/kb-editor';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { formatMyDateTime } from '@/lib/calendar/format';
import { categoryChoices } from '@/lib/complaints/classification';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { getArticle } from '@/lib/kb/articles';
import { publishAction, retireAction, saveDraftAction } from '../actions';
import { removedText } from '../messages';

// One article: the editor (a new version on each save, redacted on the server), what was removed
// from the latest version, the version history, and for supervisors Publish / Retire.
export default async function KbArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireStaff('kb.draft');
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const db = getConsoleDb();
  const article = await getArticle(db, Number(id));
  if (!article) notFound();
  const t = await getTranslations('kbAuthor');
  const locale = toLocale(await getLocale());
  const latest = article.versions[0];
  const categories = (await categoryChoices(db, latest?.categoryId ?? 0)).map((c) => ({ id: c.id, name: locale === 'en' ? c.nameEn : c.nameMs }));
  const mayPublish = can(session.role, 'kb.publish');
  const box = 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  return (
    <div className="max-w-5xl space-y-4">
      <p>
        <Link href="/konsol/soalan-lazim" className="text-sm text-blue-800 underline">
          {t('back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{latest?.title ?? article.slug}</h1>
        <span className="rounded bg-slate-200 px-2 py-0.5 text-sm font-medium text-slate-900" data-testid="kb-status">
          {t(`status.${article.status}`)}
        </span>
      </div>
      {article.sourceNumber && (
        <p className="text-sm text-slate-700">
          <Link href={`/konsol/aduan/${article.sourceNumber}`} className="text-blue-800 underline">
            {t('source', { number: article.sourceNumber })}
          </Link>
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <section className={`${box} space-y-3`} aria-labelledby="kb-editor">
          <h2 id="kb-editor" className="text-lg font-semibold">
            {t('editor')}
          </h2>
          <p className="text-sm text-slate-700">{t('editorHint')}</p>
          {latest && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-slate-900 ring-1 ring-amber-200" data-testid="kb-latest-removed">
              <span className="font-semibold">{t('latestRemoved', { version: latest.version })}: </span>
              {removedText(latest.redactions, locale)}
            </p>
          )}
          <KbEditor
            action={saveDraftAction}
            articleId={article.id}
            latestVersion={latest?.version ?? 0}
            initial={{ title: latest?.title ?? '', problem: latest?.problem ?? '', solution: latest?.solution ?? '', keywords: latest?.keywords ?? '', categoryId: latest?.categoryId ?? null }}
            categories={categories}
            labels={{
              form: t('editor'),
              title: t('fields.title'),
              problem: t('fields.problem'),
              solution: t('fields.solution'),
              category: t('fields.category'),
              keywords: t('fields.keywords'),
              keywordsHint: t('keywordsHint'),
              noCategory: t('noCategory'),
              save: t('save'),
              foundLabel: t('foundLabel'),
            }}
          />
        </section>
        <aside className="space-y-4">
          <section className={`${box} space-y-3`} aria-labelledby="kb-history">
            <h2 id="kb-history" className="text-lg font-semibold">
              {t('history')}
            </h2>
            {!mayPublish && <p className="text-sm text-slate-700">{t('supervisorOnly')}</p>}
            {mayPublish && article.status !== 'retired' && (
              <ActionForm action={retireAction} label={t('retire')} submitLabel={t('retire')}>
                <input type="hidden" name="id" value={article.id} />
              </ActionForm>
            )}
            <ol className="space-y-3">
              {article.versions.map((v) => (
                <li key={v.id} className="border-t border-slate-200 pt-3 text-sm" data-testid="kb-version">
                  <p className="font-medium">
                    {t('versionBy', { version: v.version, at: formatMyDateTime(v.createdAt), name: v.createdByName })}
                    {article.publishedVersion === v.version && article.status === 'published' && (
                      <span className="ml-1 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900">{t('currentPublic')}</span>
                    )}
                  </p>
                  {v.publishedAt && <p className="text-slate-700">{t('publishedBy', { at: formatMyDateTime(v.publishedAt), name: v.publishedByName ?? '' })}</p>}
                  <p className="text-slate-700">{removedText(v.redactions, locale)}</p>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-blue-800 underline">{v.title}</summary>
                    <div className="mt-2 space-y-2 whitespace-pre-line text-slate-800">
                      <p>
                        <strong>{t('fields.problem')}: </strong>
                        {v.problem}
                      </p>
                      <p>
                        <strong>{t('fields.solution')}: </strong>
                        {v.solution}
                      </p>
                      {v.keywords && (
                        <p>
                          <strong>{t('fields.keywords')}: </strong>
                          {v.keywords}
                        </p>
                      )}
                    </div>
                  </details>
                  {mayPublish && !(article.status === 'published' && article.publishedVersion === v.version) && (
                    <ActionForm action={publishAction} label={t('publish', { version: v.version })} submitLabel={t('publish', { version: v.version })} className="mt-2 space-y-2">
                      <input type="hidden" name="id" value={article.id} />
                      <input type="hidden" name="version" value={v.version} />
                    </ActionForm>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
