import { getLocale, getTranslations } from 'next-intl/server';
import { formatMyDateTime } from '@/lib/calendar/format';
import { eventText } from '@/lib/complaints/event-text';
import type { ConsoleEvent } from '@/lib/console/complaint-detail';
import { toLocale } from '@/lib/i18n/config';

/** A complaint's whole history as officers see it, internal events marked, in the reader's language. */
export async function Timeline({ events, className }: { events: ConsoleEvent[]; className: string }) {
  const t = await getTranslations('console');
  const locale = toLocale(await getLocale());
  return (
    <section className={className} aria-labelledby="timeline">
      <h2 id="timeline" className="text-lg font-semibold">
        {t('timeline')}
      </h2>
      <ol className="mt-3 space-y-3">
        {events.map((e) => {
          const { summary, text } = eventText(e, locale);
          const border = e.internal ? 'border-yellow-500 bg-yellow-50' : e.authorType === 'complainant' ? 'border-amber-400' : 'border-brand-600';
          return (
            <li key={e.id} data-event-type={e.type} className={`rounded-md border-l-4 p-2 ${border}`}>
              <p className="text-sm">
                <strong>{e.authorName}</strong> <span className="text-slate-600">{formatMyDateTime(e.createdAt)}</span>{' '}
                {e.internal && <span className="rounded bg-yellow-200 px-1.5 text-xs font-semibold text-yellow-900">{t('internalNote')}</span>}
              </p>
              {summary && <p className="mt-1 text-sm italic text-slate-700">{summary}</p>}
              {text && <p className="mt-1 whitespace-pre-line break-words text-sm">{text}</p>}
              {e.attachments.length > 0 && (
                <ul className="mt-1 text-sm">
                  {e.attachments.map((a) => (
                    <li key={a.id}>
                      <a className="text-brand-700 underline" href={`/api/konsol/lampiran/${a.id}`}>
                        {a.fileName}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
