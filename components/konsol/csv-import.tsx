'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { buttonClass, Outcome, quietButtonClass } from './holidays/field';

/** What a list's CSV preview says of one row (lib/calendar/holidays.ts, lib/lists/ptj.ts). */
type PreviewRow = {
  row: number;
  status: 'new' | 'same' | 'rename' | 'error';
  name: string;
  /** The name on record, for a row that renames. */
  currentName?: string;
  error?: string;
  /** The entry on record that already has this name, for a row refused for it. */
  takenBy?: string;
};
type PreviewOf<R> = { rows: R[]; counts: Record<PreviewRow['status'], number> };
type Previewed<R> = { ok: true; message?: string; previewId: string; preview: PreviewOf<R>; csv: string; fileName: string };
type Done = { ok: true; message: string; previewId: string };

export type CsvImportLabels = {
  form: string; file: string; preview: string; previewTitle: string; summary: string; row: string; name: string; result: string;
  statusNew: string; statusSame: string; statusRename: string; statusError: string; skipConfirm: string; submit: string; confirmLabel: string;
  /** Each row error's words, by code; `{code}` is the entry that already has the name. */
  rowErrors: Record<string, string>;
};

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
const displayDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}` : day);

/**
 * A list's CSV import in two steps (holidays, PTJ): the upload answers a preview of every row
 * (nothing written), errors first so a long file's bad rows are seen at once; its confirm form
 * sends the file's text back, which the server parses and checks again before importing the valid
 * rows. With errors in the file, the admin ticks that they will be skipped.
 */
export function CsvImport<K extends string, R extends PreviewRow & Record<K, string>>({
  idPrefix, keyColumn, previewAction, importAction, labels,
}: {
  idPrefix: string;
  /** The row's identifying column: its field, heading, and whether it is a yyyy-MM-dd day. */
  keyColumn: { field: K; label: string; day?: boolean };
  previewAction: (state: Previewed<R> | ActionResult | null, form: FormData) => Promise<Previewed<R> | ActionResult>;
  importAction: (state: Done | ActionResult | null, form: FormData) => Promise<Done | ActionResult>;
  labels: CsvImportLabels;
}) {
  const [previewState, preview, previewing] = useActionState(previewAction, null);
  const [importState, doImport, importing] = useActionState(importAction, null);
  const shown = previewState && 'preview' in previewState ? previewState : null;
  const done = shown && importState && 'previewId' in importState && importState.previewId === shown.previewId;
  const fileError = previewState && !previewState.ok ? previewState.fieldErrors?.file : undefined;
  const statusText = (r: R) =>
    r.status === 'new' ? labels.statusNew
      : r.status === 'same' ? labels.statusSame
      : r.status === 'rename' ? fill(labels.statusRename, { current: r.currentName ?? '' })
      : fill(labels.statusError, { reason: fill(labels.rowErrors[r.error ?? ''] ?? '', { code: r.takenBy ?? '' }) });
  const rows = shown ? [...shown.preview.rows.filter((r) => r.status === 'error'), ...shown.preview.rows.filter((r) => r.status !== 'error')] : [];
  const keyText = (r: R) => (keyColumn.day ? displayDay(r[keyColumn.field]) : r[keyColumn.field]);
  return (
    <div className="space-y-4">
      <form action={preview} aria-label={labels.form} className="space-y-2">
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={`${idPrefix}-csv`}>{labels.file}</label>
          <input id={`${idPrefix}-csv`} name="file" type="file" accept=".csv,text/csv" required aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${idPrefix}-csv-error` : undefined} className="block w-full text-sm" />
          {fileError && <span id={`${idPrefix}-csv-error`} className="text-xs font-semibold text-red-800">{fileError}</span>}
        </div>
        <button type="submit" disabled={previewing} className={quietButtonClass}>
          {labels.preview}
        </button>
        {previewState && !previewState.ok && !fileError && <Outcome state={previewState} />}
      </form>

      {shown && !done && (
        <section aria-labelledby={`${idPrefix}-preview-title`} className="space-y-3">
          <h3 id={`${idPrefix}-preview-title`} className="font-semibold">{fill(labels.previewTitle, { file: shown.fileName })}</h3>
          <p className="text-sm" data-testid="import-summary">{fill(labels.summary, shown.preview.counts)}</p>
          <div className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200" tabIndex={0} aria-label={fill(labels.previewTitle, { file: shown.fileName })}>
            <table className="min-w-full text-left text-sm">
              <thead className="sticky top-0 border-b border-slate-300 bg-white text-slate-700">
                <tr>
                  <th scope="col" className="px-2 py-1">{labels.row}</th>
                  <th scope="col" className="px-2 py-1">{keyColumn.label}</th>
                  <th scope="col" className="px-2 py-1">{labels.name}</th>
                  <th scope="col" className="px-2 py-1">{labels.result}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} data-testid={r.status === 'error' ? 'import-error-row' : 'import-row'} className={`border-b border-slate-200 ${r.status === 'error' ? 'bg-red-50' : ''}`}>
                    <td className="px-2 py-1 tabular-nums">{r.row}</td>
                    <td className="whitespace-nowrap px-2 py-1 tabular-nums">{keyText(r)}</td>
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
