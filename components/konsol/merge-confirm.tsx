import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { linkAction } from '@/app/konsol/(signed-in)/aduan/[no]/actions';
import { StatusBadge } from '@/components/complaint/status-badge';
import { formatMyDateTime } from '@/lib/calendar/format';
import type { MergeSide } from '@/lib/complaints/links';
import { ActionForm } from './action-form';

/**
 * The second step of a merge: both complaints side by side (number, title, complainant, status,
 * received), then "Sahkan gabung" sends the merge with `confirm`, or "Batal" goes back.
 */
export async function MergeConfirm({ duplicate, target }: { duplicate: MergeSide; target: MergeSide }) {
  const t = await getTranslations('console');
  const sides = [
    [t('mergeSideDuplicate'), duplicate],
    [t('mergeSideTarget'), target],
  ] as const;
  return (
    <section aria-labelledby="merge-confirm" className="rounded-lg border-2 border-amber-500 bg-white p-4 shadow-sm">
      <h2 id="merge-confirm" className="text-lg font-semibold">
        {t('mergeConfirmTitle')}
      </h2>
      <p className="mt-1 text-sm">{t('mergeConfirmIntro', { duplicate: duplicate.number, target: target.number })}</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {sides.map(([label, c]) => (
          <div key={c.number} data-testid={`merge-side-${c.number}`} className="rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
            <p className="mb-1 font-semibold text-slate-900">{label}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="font-medium">{t('colNumber')}</dt>
            <dd className="font-mono">{c.number}</dd>
            <dt className="font-medium">{t('colTitle')}</dt>
            <dd className="break-words">{c.title}</dd>
            <dt className="font-medium">{t('colComplainant')}</dt>
            <dd>{c.name}</dd>
            <dt className="font-medium">{t('colStatus')}</dt>
            <dd>
              <StatusBadge status={c.status} />
            </dd>
            <dt className="font-medium">{t('mergeCreated')}</dt>
            <dd>{formatMyDateTime(c.createdAt)}</dd>
            </dl>
          </div>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-start gap-4">
        <ActionForm action={linkAction} label={t('mergeConfirmTitle')} submitLabel={t('mergeConfirm')}>
          <input type="hidden" name="number" value={duplicate.number} />
          <input type="hidden" name="other" value={target.number} />
          <input type="hidden" name="mode" value="merge" />
          <input type="hidden" name="confirm" value="1" />
        </ActionForm>
        <Link href={`/konsol/aduan/${duplicate.number}`} className="py-1.5 text-sm underline">
          {t('mergeCancel')}
        </Link>
      </div>
    </section>
  );
}
