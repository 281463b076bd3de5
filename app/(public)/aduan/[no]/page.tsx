import Link from 'next/link';
import { cookies } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { AttachmentList } from '@/components/complaint/attachment-list';
import { FeedbackForm } from '@/components/complaint/feedback-form';
import { History } from '@/components/complaint/history';
import { ServiceClockBadge, ServiceClockNote } from '@/components/complaint/service-clock';
import { StatusBadge } from '@/components/complaint/status-badge';
import { publicCaptchaConfig } from '@/lib/captcha/public-config';
import { GRANT_COOKIE, hasComplaintAccess } from '@/lib/complaints/access';
import { isComplaintNumber } from '@/lib/complaints/number';
import { capabilities } from '@/lib/complaints/status';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { getDb } from '@/lib/db';
import { formatMyDateTime } from '@/lib/calendar/format';
import { scalarParams } from '@/lib/http/params';

// Sejarah Aduan. Opens with the signed link from an email or after a lookup that passed the
// CAPTCHA; a bare or guessed number gets the same answer as one that does not exist.
export default async function ComplaintPage({
  params,
  searchParams,
}: {
  params: Promise<{ no: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { no } = await params;
  const { t: token } = scalarParams(await searchParams, ['t']);
  const t = await getTranslations();
  const en = (await getLocale()) === 'en';
  const grantCookie = (await cookies()).get(GRANT_COOKIE)?.value;
  const allowed = isComplaintNumber(no) && hasComplaintAccess(no, { token, grantCookie });
  const complaint = allowed ? await getPublicComplaint(getDb(), no) : null;

  if (!complaint) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-xl font-semibold">{t('complaint.noAccess')}</h1>
        <Link href="/semakan" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
          {t('nav.lookup')}
        </Link>
      </div>
    );
  }

  const c = complaint.complainant;
  return (
    <article className="space-y-6">
      <Link href="/semakan" className="text-sm text-brand-700 underline">
        ← {t('history.backToList')}
      </Link>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="break-all text-xl font-bold text-brand-800 sm:text-2xl">{t('history.title', { number: complaint.number })}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={complaint.status} />
          <span className="rounded-md bg-slate-800 px-3 py-1 text-sm font-semibold text-white" data-testid="aging">
            {t('history.aging', { days: complaint.agingDays })}
          </span>
          <ServiceClockBadge clock={complaint.clock} />
        </div>
      </header>
      <ServiceClockNote clock={complaint.clock} />
      {complaint.appeal && (
        <section aria-labelledby="appeal-title" className="rounded-lg border-2 border-purple-300 bg-purple-50 p-4" data-testid="appeal-banner">
          <h2 id="appeal-title" className="font-semibold text-purple-950">
            {t('satisfaction.appealBanner.title')}
          </h2>
          <p className="mt-1 text-purple-950">
            {t('satisfaction.appealBanner.body', {
              opened: formatMyDateTime(complaint.appeal.openedAt),
              due: complaint.appeal.dueAt ? formatMyDateTime(complaint.appeal.dueAt) : '—',
            })}
          </p>
        </section>
      )}

      <section aria-labelledby="original-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="original-title" className="sr-only">
          {t('history.original')}
        </h2>
        <p className="text-lg font-semibold">
          {complaint.title}{' '}
          <time className="text-sm font-normal text-slate-600" dateTime={complaint.createdAt.toISOString()}>
            {formatMyDateTime(complaint.createdAt)}
          </time>
        </p>
        <p className="text-sm text-slate-600">{en ? complaint.category.en : complaint.category.ms}</p>
        <p className="mt-3 whitespace-pre-line break-words">{complaint.description}</p>
        <AttachmentList files={complaint.attachments} />
      </section>

      <History complaint={complaint} />

      <section aria-labelledby="complainant-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="complainant-title" className="text-lg font-semibold">
          {t('complaint.complainant')}
        </h2>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t('form.name')}</dt>
          <dd>{c.name}</dd>
          <dt className="font-medium">{t('form.ic')}</dt>
          <dd className="font-mono">{c.ic}</dd>
          <dt className="font-medium">PTJ</dt>
          <dd>{c.ptj}</dd>
          <dt className="font-medium">{t('form.phone')}</dt>
          <dd className="font-mono">{c.phone}</dd>
          <dt className="font-medium">{t('form.email')}</dt>
          <dd className="font-mono">{c.email}</dd>
        </dl>
      </section>

      {!capabilities({ kind: 'complainant' }, complaint).feedback ? (
        <p role="status" className="rounded-lg border-2 border-slate-400 bg-slate-100 p-4 font-semibold text-slate-800">
          {t('history.closedNotice')}
        </p>
      ) : (
        <FeedbackForm number={complaint.number} captcha={publicCaptchaConfig()} appealAvailable={complaint.appealAvailable} />
      )}
    </article>
  );
}
