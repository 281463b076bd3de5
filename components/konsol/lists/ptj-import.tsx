'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import type { PtjPreview } from '@/lib/lists/ptj';
import { buttonClass, Outcome, quietButtonClass } from '../holidays/field';

type Preview = { ok: true; message?: string; previewId: string; preview: PtjPreview; csv: string; fileName: string };
type Done = { ok: true; message: string; previewId: string };

export type PtjImportLabels = {
  form: string; file: string; preview: string; previewTitle: string; summary: string; row: string; code: string; name: string; result: string;
  statusNew: string; statusSame: string; statusRename: string; statusError: string; skipConfirm: string; submit: string; confirmLabel: string;
  /** Each row error's words, by code. */
  rowErrors: Record<string, string>;
};

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/**
 * The PTJ CSV import in two steps, shaped like the holidays import: the upload answers a preview
 * of every row (nothing written), errors first so a long file's bad rows are seen at once; its
 * confirm form sends the file's text back, which the server parses and checks again before
 * importing the valid rows. With errors in the file, the admin ticks that they will be skipped.
 */
export function PtjImport({
  previewAction, importAction, labels,
}: {
  previewAction: (state: Preview | ActionResult | null, form: FormData) => Promise<Preview | ActionResult>;
  importAction: (state: Done | ActionResult | null, form: FormData) => Promise<Done | ActionResult>;
  labels: PtjImportLabels;
}) {
  const [previewState, preview, previewing] = useActionState(previewAction, null);
  const [importState, doImport, importing] = useActionState(importAction, null);
  const shown = previewState && 'preview' in previewState ? previewState : null;
  const done = shown && importState && 'previewId' in importState && importState.previewId === shown.previewId;
  const fileError = previewState && !previewState.ok ? previewState.fieldErrors?.file : undefined;
  type Row = PtjPreview['rows'][number];
  const statusText = (r: Row) =>
    r.status === 'new' ? labels.statusNew
      : r.status === 'same' ? labels.statusSame
      : r.status === 'rename' ? fill(labels.statusRename, { current: r.currentName ?? '' })
      : fill(labels.statusError, { reason: fill(labels.rowErrors[r.error ?? ''] ?? '', { code: r.takenBy ?? '' }) });
  const rows = shown ? [...shown.preview.rows.filter((r) => r.status === 'error'), ...shown.preview.rows.filter((r) => r.status !== 'error')] : [];
  return (
    <div className="space-y-4">
      <form action={preview} aria-label={labels.form} className="space-y-2">
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="ptj-csv">{labels.file}</label>
          <input id="ptj-csv" name="file" type="file" accept=".csv,text/csv" required aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'ptj-csv-error' : undefined} className="block w-full text-sm" />
          {fileError && <span id="ptj-csv-error" className="text-xs font-semibold text-red-800">{fileError}</span>}
        </div>
        <button type="submit" disabled={previewing} className={quietButtonClass}>
          {labels.preview}
        </button>
        {previewState && !previewState.ok && !fileError && <Outcome state={previewState} />}
      </form>

      {shown && !done && (
        <section aria-labelledby="ptj-preview-title" className="space-y-3">
          <h3 id="ptj-preview-title" className="font-semibold">{fill(labels.previewTitle, { file: shown.fileName })}</h3>
          <p className="text-sm" data-testid="import-summary">{fill(labels.summary, shown.preview.counts)}</p>
          <div className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200" tabIndex={0} aria-label={fill(labels.previewTitle, { file: shown.fileName })}>
            <table className="min-w-full text-left text-sm">
              <thead className="sticky top-0 border-b border-slate-300 bg-white text-slate-700">
                <tr>
                  <th scope="col" className="px-2 py-1">{labels.row}</th>
                  <th scope="col" className="px-2 py-1">{labels.code}</th>
                  <th scope="col" className="px-2 py-1">{labels.name}</th>
                  <th scope="col" className="px-2 py-1">{labels.result}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} data-testid={r.status === 'error' ? 'import-error-row' : 'import-row'} className={`border-b border-slate-200 ${r.status === 'error' ? 'bg-red-50' : ''}`}>
                    <td className="px-2 py-1 tabular-nums">{r.row}</td>
                    <td className="whitespace-nowrap px-2 py-1">{r.code}</td>
                    <td className="px-2 py-1">{r.name}</td>
                    <td className={`px-2 py-1 ${r.status === 'error' ? 'font-semibold text-red-800' : ''}`}>{statusText(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form action={doImport} aria-label={labels.confirmLabel} className="space-y-2">
            <input type="hidden" name="csv" value={shown.csv} />
            <input type="hidden" name="fileName" value={shown.fileName} />
            <input type="hidden" name="previewId" value={shown.previewId} />
            {shown.preview.counts.error > 0 && (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="skipErrors" required className="mt-0.5 h-4 w-4" />
                {fill(labels.skipConfirm, { count: shown.preview.counts.error })}
              </label>
            )}
            <button type="submit" disabled={importing} className={buttonClass}>
              {labels.submit}
            </button>
            {importState && !importState.ok && <Outcome state={importState} />}
          </form>
        </section>
      )}
      {done && <Outcome state={importState} />}
    </div>
  );
}
