'use client';

import { useTranslations } from 'next-intl';
import { useRef } from 'react';

/** `1 KB` … `1023 KB`, then `1.0 MB`: the same in both languages. */
export const formatFileSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A multiple-file picker whose texts come from our messages, not the browser's ("Choose Files /
 * No file chosen" on a Malay page). The real <input type="file"> stays: it is transparent and laid
 * over the visible button, so a click, Tab, Space and Enter and screen readers all meet the native
 * control, with its label and name. Picked files are kept by the caller (`files`/`onChange`), so a
 * second pick adds to the first and each file can be removed; the caller posts them itself.
 */
export function FilePicker({
  id,
  name,
  accept,
  files,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  name: string;
  accept: string;
  files: File[];
  onChange: (files: File[]) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const t = useTranslations('filePicker');
  const inputRef = useRef<HTMLInputElement>(null);

  return (
    <div className="min-w-0 space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="relative inline-flex">
          <input ref={inputRef} id={id} name={name} type="file" multiple accept={accept}
            className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
            onChange={(e) => {
              const picked = Array.from(e.target.files ?? []);
              e.target.value = ''; // the same file may be picked again after removing it
              if (picked.length > 0) onChange([...files, ...picked]);
            }}
            aria-invalid={invalid} aria-describedby={describedBy} />
          <span aria-hidden="true"
            className="pointer-events-none rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white peer-hover:bg-brand-700 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2">
            {t('choose')}
          </span>
        </span>
        <span className="text-sm text-slate-700" aria-live="polite">
          {files.length === 0 ? t('none') : t('chosen', { count: files.length })}
        </span>
      </div>
      {files.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1 truncate" title={f.name}>
                {f.name}
              </span>
              <span className="shrink-0 text-slate-600">{formatFileSize(f.size)}</span>
              <button type="button" aria-label={t('removeNamed', { name: f.name })}
                className="shrink-0 rounded px-2 py-1 text-red-700 underline hover:bg-red-50"
                onClick={() => {
                  onChange(files.filter((_, j) => j !== i));
                  inputRef.current?.focus(); // the removed button took the focus with it
                }}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
