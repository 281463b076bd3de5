import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { VerdictForm } from '@/components/complaint/verdict-form';
import { isComplaintNumber } from '@/lib/complaints/number';
import { satisfactionLinkState } from '@/lib/complaints/satisfaction';
import { getDb } from '@/lib/db';
import { submitVerdictAction } from './actions';
import { scalarParams } from '@/lib/http/params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('satisfaction');
  return { title: `${t('title')} — Helpdesk iSPEKS`, robots: { index: false } };
}

// The signed link in a closing email (lib/complaints/satisfaction.ts). Opening it spends nothing
// (mail scanners open links); the form records the verdict once; a used, expired or forged link
// gets a clear refusal.
export default async function SatisfactionLinkPage({ params, searchParams }: { params: Promise<{ no: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { no } = await params;
  const { t: token } = scalarParams(await searchParams, ['t']);
  const t = await getTranslations('satisfaction');
  const state = isComplaintNumber(no) ? await satisfactionLinkState(getDb(), no, token) : ({ ok: false, reason: 'invalid' } as const);
  if (!state.ok) {
    return (
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-xl font-semibold">{t('link.refusedTitle')}</h1>
        <p role="alert" className="rounded-md border-2 border-slate-400 bg-slate-100 p-3 font-medium text-slate-900">
          {t(`link.${state.reason}`)}
        </p>
        <Link href="/semakan" className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
          {t('link.toLookup')}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="break-all text-xl font-bold text-brand-800 sm:text-2xl">{t('link.pageTitle', { number: state.complaint.number })}</h1>
        <p className="text-lg font-semibold">{state.complaint.title}</p>
        <p className="text-slate-700">{t('link.intro')}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <VerdictForm action={submitVerdictAction} number={state.complaint.number} token={token!} appealNote={state.round === 1} />
      </div>
    </div>
  );
}
