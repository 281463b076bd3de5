import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { AgencySettings } from '@/lib/settings/agency';

export async function SiteFooter({ agency }: { agency: AgencySettings }) {
  const t = await getTranslations('footer');
  const tPrivacy = await getTranslations('privacy.notice');
  const ts = await getTranslations('statistics');
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-4xl gap-4 px-4 py-6 text-sm text-slate-700 sm:grid-cols-2">
        <address className="not-italic">
          <strong className="block text-slate-900">{agency.name}</strong>
          {agency.address}
        </address>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="font-medium">{t('website')}:</dt>
          <dd>
            <a className="text-brand-700 underline" href={agency.website}>
              {agency.website.replace(/^https?:\/\//, '')}
            </a>
          </dd>
          <dt className="font-medium">{t('phone')}:</dt>
          <dd>{agency.phone}</dd>
          <dt className="font-medium">{t('email')}:</dt>
          <dd>
            <a className="text-brand-700 underline" href={`mailto:${agency.email}`}>
              {agency.email}
            </a>
          </dd>
        </dl>
        <p className="flex flex-wrap gap-x-6 gap-y-2 sm:col-span-2">
          <a className="text-brand-700 underline" href="/privasi">{tPrivacy('footerLink')}</a>
          <Link className="text-brand-700 underline" href="/statistik">
            {ts('footerLink')}
          </Link>
        </p>
      </div>
    </footer>
  );
}
