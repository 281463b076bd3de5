import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db';
import { getAgencySettings } from '@/lib/settings/agency';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('privacy.notice');
  return { title: `${t('title')} — Helpdesk iSPEKS` };
}

/** The notice's sections, in order; each has a heading and one paragraph in the `privacy.notice` words. */
const SECTIONS = ['collected', 'purpose', 'who', 'security', 'retention', 'rights', 'choice'] as const;

// The PDPA 2010 notice (Notis Perlindungan Data Peribadi), linked from the form and the footer.
// The agency, its contact and the retention period come from the agency settings.
export default async function PrivacyNoticePage() {
  const t = await getTranslations('privacy.notice');
  const agency = await getAgencySettings(getDb());
  const values = { agency: agency.name, months: agency.retentionMonths };
  return (
    <article className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
        <p className="text-slate-700">{t('intro', values)}</p>
      </div>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`privasi-${s}`} className="space-y-2">
          <h2 id={`privasi-${s}`} className="text-lg font-semibold text-slate-900">{t(`${s}.title`)}</h2>
          <p className="text-slate-800">{t(`${s}.body`, values)}</p>
        </section>
      ))}
      <section aria-labelledby="privasi-contact" className="space-y-2">
        <h2 id="privasi-contact" className="text-lg font-semibold text-slate-900">{t('contact.title')}</h2>
        <p className="text-slate-800">{t('contact.body')}</p>
        <address className="not-italic text-slate-800">
          <strong className="block">{agency.name}</strong>
          {agency.address}
          <br />
          {t('contact.phone')}: {agency.phone}
          <br />
          {t('contact.email')}:{' '}
          <a className="text-brand-700 underline" href={`mailto:${agency.email}`}>{agency.email}</a>
        </address>
      </section>
      <p className="text-sm">
        <Link href="/" className="text-brand-700 underline">{t('backToForm')}</Link>
      </p>
    </article>
  );
}
