import { getLocale, getTranslations } from 'next-intl/server';
import { eventText } from '@/lib/complaints/event-text';
import type { PublicComplaint } from '@/lib/complaints/public-view';
import { formatMyDateTime } from '@/lib/calendar/format';
import { toLocale } from '@/lib/i18n/config';
import { AttachmentList } from './attachment-list';

/** Sejarah Aduan: every public event in time order, each with its author, time and attachments. */
export async function History({ complaint }: { complaint: PublicComplaint }) {
  const t = await getTranslations('history');
  const locale = toLocale(await getLocale());
  return (
    <section aria-labelledby="events-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="events-title" className="text-lg font-semibold">
        {t('events')}
      </h2>
      {complaint.history.length === 0 && <p className="mt-2 text-slate-600">{t('noEvents')}</p>}
      <ol className="mt-3 space-y-4">
        {complaint.history.map((e) => {
          const who = e.authorType === 'complainant' ? `${e.authorName} (${t('complainant')})` : e.authorName;
          const { summary, text } = eventText(e, locale);
          return (
            <li key={e.id} className={`border-l-4 pl-3 ${e.authorType === 'complainant' ? 'border-amber-400' : 'border-brand-600'}`} data-event-type={e.type}>
              <p className="text-sm">
                <strong className="font-semibold text-slate-900">{who}</strong>{' '}
                <time className="text-slate-600" dateTime={e.createdAt.toISOString()}>
                  {formatMyDateTime(e.createdAt)}
                </time>
              </p>
              {summary && <p className="text-sm italic text-slate-700">{summary}</p>}
              {text && <p className="mt-1 whitespace-pre-line break-words text-slate-900">{text}</p>}
              <AttachmentList files={e.attachments} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
