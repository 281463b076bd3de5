import { getLocale, getTranslations } from 'next-intl/server';
import { verifyComplaintAccess } from '@/lib/complaints/access';
import { isComplaintNumber } from '@/lib/complaints/number';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { getDb } from '@/lib/db';
import { formatMyDateTime } from '@/lib/time';

// The complaint's page. It opens only with the signed link from the complainant's email (the
// lookup flow adds a second way in); a bare or guessed number gets the same answer as a wrong one.
export default async function ComplaintPage({
  params,
  searchParams,
}: {
  params: Promise<{ no: string }>;
  searchParams: Promise<{ t?: string }>;
}) {
  const { no } = await params;
  const { t: token } = await searchParams;
  const t = await getTranslations();
  const locale = await getLocale();
  const allowed = isComplaintNumber(no) && verifyComplaintAccess(no, token);
  const complaint = allowed ? await getPublicComplaint(getDb(), no) : null;

  if (!complaint) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-xl font-semibold">{t('complaint.noAccess')}</h1>
      </div>
    );
  }

  const c = complaint.complainant;
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-mono text-2xl font-bold text-brand-800">{t('complaint.title', { number: complaint.number })}</h1>
        <span className="rounded-full bg-brand-100 px-3 py-1 text-sm font-semibold text-brand-800">
          {t('complaint.status')}: {t(`status.${complaint.status}`)}
        </span>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">{complaint.title}</h2>
        <p className="text-sm text-slate-600">
          {formatMyDateTime(complaint.createdAt)} · {locale === 'en' ? complaint.category.en : complaint.category.ms}
        </p>
        <p className="mt-3 whitespace-pre-line break-words">{complaint.description}</p>
        {complaint.attachments.length > 0 && (
          <div className="mt-4">
            <h3 className="font-medium">{t('complaint.attachments')}</h3>
            <ol className="list-decimal pl-5">
              {complaint.attachments.map((a) => (
                <li key={a.id}>{a.fileName}</li>
              ))}
            </ol>
          </div>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">{t('complaint.complainant')}</h2>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t('form.name')}</dt>
          <dd>{c.name}</dd>
          <dt className="font-medium">{t('form.ic')}</dt>
          <dd className="font-mono">{c.icMasked}</dd>
          <dt className="font-medium">PTJ</dt>
          <dd>{c.ptj}</dd>
          <dt className="font-medium">{t('form.phone')}</dt>
          <dd className="font-mono">{c.phoneMasked}</dd>
          <dt className="font-medium">{t('form.email')}</dt>
          <dd className="font-mono">{c.emailMasked}</dd>
        </dl>
      </section>
    </article>
  );
}
