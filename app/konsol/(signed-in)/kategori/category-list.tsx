import { getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { ListForm } from '@/components/konsol/lists/list-form';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { CATEGORY_NAME_MAX, listCategories } from '@/lib/lists/categories';
import { addCategoryAction, editCategoryAction, moveCategoryAction, setCategoryActiveAction } from './list-actions';

/**
 * The categories themselves, in the public form's order: move up or down, rename (Malay and
 * English), activate or deactivate, and a link down to each one's officers and targets; then the
 * form to add one. A compact table, so a long list stays easy to scan.
 */
export async function CategoryList() {
  const t = await getTranslations('lists.categories');
  const locale = toLocale(await getLocale());
  const rows = await listCategories(getConsoleDb());
  const card = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  const small = 'flex items-center gap-1 [&_p]:sr-only [&_button]:px-2 [&_button]:py-1';
  const names = (r: { nameMs: string; nameEn: string }) => [
    { name: 'nameMs', label: t('nameMs'), defaultValue: r.nameMs, maxLength: CATEGORY_NAME_MAX },
    { name: 'nameEn', label: t('nameEn'), defaultValue: r.nameEn, maxLength: CATEGORY_NAME_MAX },
  ];
  return (
    <>
      <section aria-labelledby="category-list-title" className={card}>
        <h2 id="category-list-title" className="text-lg font-semibold">{t('listTitle')}</h2>
        <p className="text-sm text-slate-700">{t('listIntro')} {t('neverDeleted')}</p>
        {/* On a phone each category is a block; a table from sm up. */}
        <table className="block w-full text-left text-sm sm:table">
          <thead className="sr-only border-b border-slate-300 text-slate-700 sm:not-sr-only sm:table-header-group">
            <tr>
              <th scope="col" className="px-2 py-2">{t('colOrder')}</th>
              <th scope="col" className="px-2 py-2">{t('colName')}</th>
              <th scope="col" className="px-2 py-2">{t('colStatus')}</th>
              <th scope="col" className="px-2 py-2">{t('colComplaints')}</th>
              <th scope="col" className="px-2 py-2">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {rows.map((r, i) => {
              const name = locale === 'en' ? r.nameEn : r.nameMs;
              return (
                <tr key={r.id} data-testid="category-row" className="block border-b border-slate-200 py-2 align-top sm:table-row sm:py-0">
                  <td className="flex items-center gap-1 px-2 py-1 sm:table-cell sm:py-2">
                    <span className="w-6 tabular-nums font-semibold">{i + 1}</span>
                    <span className="inline-flex gap-1">
                      {i > 0 && (
                        <ActionForm action={moveCategoryAction} label={t('upLabel', { name })} submitLabel={`↑ ${t('up')}`} className={small}>
                          <input type="hidden" name="id" value={r.id} />
                          <input type="hidden" name="direction" value="up" />
                        </ActionForm>
                      )}
                      {i < rows.length - 1 && (
                        <ActionForm action={moveCategoryAction} label={t('downLabel', { name })} submitLabel={`↓ ${t('down')}`} className={small}>
                          <input type="hidden" name="id" value={r.id} />
                          <input type="hidden" name="direction" value="down" />
                        </ActionForm>
                      )}
                    </span>
                  </td>
                  <td className="block px-2 py-1 sm:table-cell sm:py-2">
                    <span className="font-medium" data-testid="category-name">{r.nameMs}</span>
                    <span className="block text-slate-700">{r.nameEn}</span>
                    <span className="block text-xs text-slate-600">{t('slug', { slug: r.slug })}</span>
                  </td>
                  <td className="block px-2 py-1 sm:table-cell sm:py-2">
                    {r.active ? (
                      <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">{t('active')}</span>
                    ) : (
                      <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">{t('inactive')}</span>
                    )}
                  </td>
                  <td className="block px-2 py-1 tabular-nums sm:table-cell sm:py-2">{r.complaints}</td>
                  <td className="flex flex-wrap items-start gap-2 px-2 py-1 sm:table-cell sm:space-y-2 sm:py-2">
                    <details>
                      <summary className="cursor-pointer text-sm font-semibold text-slate-900 underline">{t('edit')}</summary>
                      <div className="mt-2 min-w-64">
                        <ListForm action={editCategoryAction} formLabel={t('editLabel', { name: r.nameMs })} idPrefix={`cat-${r.id}`} hidden={{ id: r.id }}
                          fields={names(r)} submitLabel={t('save')} layout="" />
                      </div>
                    </details>
                    <ActionForm action={setCategoryActiveAction} label={t(r.active ? 'deactivateLabel' : 'activateLabel', { name: r.nameMs })}
                      submitLabel={t(r.active ? 'deactivate' : 'activate')} className="space-y-1">
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="active" value={r.active ? 'false' : 'true'} />
                    </ActionForm>
                    <a href={`#kategori-${r.id}`} className="block text-sm text-slate-900 underline">{t('settings')}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="category-add-title" className={card}>
        <h2 id="category-add-title" className="text-lg font-semibold">{t('add')}</h2>
        <p className="text-sm text-slate-700">{t('addIntro')}</p>
        <ListForm action={addCategoryAction} formLabel={t('add')} idPrefix="cat-add" fields={names({ nameMs: '', nameEn: '' })} submitLabel={t('addSubmit')} resetOnSuccess />
      </section>
    </>
  );
}
