import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/guard';
import { listMailbox } from '@/lib/mail/mailbox';
import { localMailboxDir } from '@/lib/mail/transport';
import { formatMyDateTime } from '@/lib/calendar/format';

// The local mailbox: what the app would have sent, newest first (only without RESEND_API_KEY).
export default async function MailboxPage() {
  await requireStaff('mailbox.view');
  const t = await getTranslations('console');
  const dir = localMailboxDir();
  if (!dir) return <p className="rounded-lg bg-white p-4">{t('mailboxDisabled')}</p>;
  const messages = await listMailbox(dir);
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{t('mailboxTitle')}</h1>
      <p className="text-slate-700">{t('mailboxIntro')}</p>
      {messages.length === 0 ? (
        <p className="rounded-lg bg-white p-4">{t('mailboxEmpty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {messages.map((m) => (
            <li key={m.file} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span>
                <strong>{m.subject}</strong>
                <span className="block text-slate-600">
                  {m.to} · {formatMyDateTime(m.date)}
                </span>
              </span>
              <a className="text-brand-700 underline" href={`/api/konsol/peti-mel/${encodeURIComponent(m.file)}`} target="_blank" rel="noopener">
                {t('mailboxOpen')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
