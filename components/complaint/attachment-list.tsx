import { getTranslations } from 'next-intl/server';
import { attachmentUrl } from '@/lib/complaints/access';
import type { PublicAttachment } from '@/lib/complaints/public-view';

/** Attachments as the seed guide shows them: a numbered list; images as thumbnails that open full size. */
export async function AttachmentList({ files }: { files: PublicAttachment[] }) {
  const t = await getTranslations('history');
  if (files.length === 0) return null;
  return (
    <div className="mt-3">
      <p className="text-sm font-medium">{t('attachments')}</p>
      <ol className="mt-1 flex flex-wrap gap-3">
        {files.map((f, i) => (
          <li key={f.id} className="text-sm">
            {f.contentType.startsWith('image/') ? (
              <a href={attachmentUrl(f.id)} target="_blank" rel="noopener" aria-label={t('openFull', { name: f.fileName })} className="block">
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, signed, short-lived URL */}
                <img src={attachmentUrl(f.id, 'thumb')} alt={f.fileName} className="h-24 w-auto rounded border border-slate-300 object-cover" />
                <span className="mt-1 block max-w-40 truncate text-brand-700 underline">
                  {i + 1}. {f.fileName}
                </span>
              </a>
            ) : (
              <a href={attachmentUrl(f.id)} className="text-brand-700 underline">
                {i + 1}. {f.fileName}
              </a>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
