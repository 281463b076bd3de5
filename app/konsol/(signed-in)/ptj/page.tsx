import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { ListForm } from '@/components/konsol/lists/list-form';
import { CsvImport } from '@/components/konsol/csv-import';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { countPtj, listPtj } from '@/lib/lists/ptj';
import { PTJ_CODE_MAX, PTJ_NAME_MAX } from '@/lib/lists/ptj-csv';
import { addPtjAction, editPtjAction, importPtjAction, previewPtjImportAction, setPtjActiveAction } from './actions';

// The PTJ list (admins): search, edit, deactivate; add one; import many from a CSV with a preview.
// The public form's suggestions follow at once (lib/complaints/form-options.ts reads the table).
export default async function PtjPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireStaff('settings.manage');
  const t = await getTranslations('lists.ptj');
  const db = getConsoleDb();
  const raw = (await searchParams).q;
  const q = typeof raw === 'string' ? raw.slice(0, 100) : '';
  const [rows, counts] = await Promise.all([listPtj(db, q), countPtj(db)]);
  const card = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  const fields = (v: { code: string; name: string }) => [
    { name: 'code', label: t('code'), hint: t('codeHint'), defaultValue: v.code, maxLength: PTJ_CODE_MAX },
    { name: 'name', label: t('name'), defaultValue: v.name, maxLength: PTJ_NAME_MAX },
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>

      <section aria-labelledby="ptj-list-title" className={card}>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="ptj-list-title" className="text-lg font-semibold">{t('title')}</h2>
          <p className="text-sm text-slate-700" data-testid="ptj-count">{t('count', counts)}</p>
        </div>
        <form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <div className="flex min-w-56 flex-1 flex-col gap-1 text-sm font-medium">
            <label htmlFor="ptj-q">{t('search')}</label>
            <input id="ptj-q" name="q" type="search" defaultValue={q} maxLength={100} className="block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm" />
          </div>
          <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100">{t('searchSubmit')}</button>
          {q && <Link href="/konsol/ptj" className="px-2 py-1.5 text-sm text-slate-900 underline">{t('searchClear')}</Link>}
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">{q ? t('noMatch') : t('none')}</p>
        ) : (
          // On a phone each PTJ is a block (code, name, status, actions); a table from sm up.
          <table className="block w-full text-left text-sm sm:table">
            <thead className="sr-only border-b border-slate-300 text-slate-700 sm:not-sr-only sm:table-header-group">
              <tr>
                <th scope="col" className="px-2 py-2">{t('colCode')}</th>
                <th scope="col" className="px-2 py-2">{t('colName')}</th>
                <th scope="col" className="px-2 py-2">{t('colStatus')}</th>
                <th scope="col" className="px-2 py-2">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody className="block sm:table-row-group">
              {rows.map((r) => (
                <tr key={r.id} data-testid="ptj-row" className="block border-b border-slate-200 py-2 align-top sm:table-row sm:py-0">
                  <td className="block whitespace-nowrap px-2 py-1 font-mono sm:table-cell sm:py-2">{r.code}</td>
                  <td className="block px-2 py-1 font-medium sm:table-cell sm:py-2" data-testid="ptj-name">{r.name}</td>
                  <td className="block px-2 py-1 sm:table-cell sm:py-2">
                    {r.active ? (
                      <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">{t('active')}</span>
                    ) : (
                      <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">{t('inactive')}</span>
                    )}
                  </td>
                  <td className="flex flex-wrap items-start gap-2 px-2 py-1 sm:table-cell sm:space-y-2 sm:py-2">
                    <details>
                      <summary className="cursor-pointer text-sm font-semibold text-slate-900 underline">{t('edit')}</summary>
                      <div className="mt-2 min-w-64">
                        <ListForm action={editPtjAction} formLabel={t('editLabel', { code: r.code })} idPrefix={`ptj-${r.id}`} hidden={{ id: r.id }}
                          fields={fields(r)} submitLabel={t('save')} layout="" />
                      </div>
                    </details>
                    <ActionForm action={setPtjActiveAction} label={t(r.active ? 'deactivateLabel' : 'activateLabel', { code: r.code })}
                      submitLabel={t(r.active ? 'deactivate' : 'activate')} className="space-y-1">
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="active" value={r.active ? 'false' : 'true'} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="ptj-add-title" className={card}>
        <h2 id="ptj-add-title" className="text-lg font-semibold">{t('add')}</h2>
        <ListForm action={addPtjAction} formLabel={t('add')} idPrefix="ptj-add" fields={fields({ code: '', name: '' })} submitLabel={t('addSubmit')}
          layout="sm:grid-cols-[14rem_1fr]" resetOnSuccess />
      </section>

      <section aria-labelledby="ptj-import-title" className={card}>
        <h2 id="ptj-import-title" className="text-lg font-semibold">{t('importTitle')}</h2>
        <p className="text-sm text-slate-700">{t('importIntro')}</p>
        <CsvImport idPrefix="ptj" keyColumn={{ field: 'code', label: t('colCode') }}
          previewAction={previewPtjImportAction} importAction={importPtjAction}
          labels={{
            form: t('importTitle'), file: t('file'), preview: t('preview'), previewTitle: t.raw('previewTitle'), summary: t.raw('previewSummary'),
            row: t('colRow'), name: t('colName'), result: t('colResult'), statusNew: t('statusNew'), statusSame: t('statusSame'),
            statusRename: t.raw('statusRename'), statusError: t.raw('statusError'), skipConfirm: t.raw('skipConfirm'), submit: t('importSubmit'),
            confirmLabel: t('importLabel'), rowErrors: t.raw('rowErrors'),
          }} />
      </section>
    </div>
  );
}
