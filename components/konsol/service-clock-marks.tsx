import { getTranslations } from 'next-intl/server';
import type { ComplaintPriority } from '@/lib/db/schema';
import type { DueDistance } from '@/lib/sla/remaining';

// Small pieces of the service clock shared by the queue and a complaint's page: the priority
// badge, the Lewat / Hampir lewat marks, and a working-time distance in words.

const priorityTone: Record<ComplaintPriority, string> = {
  rendah: 'bg-slate-100 text-slate-800 ring-slate-300',
  biasa: 'bg-slate-100 text-slate-800 ring-slate-300',
  tinggi: 'bg-orange-100 text-orange-900 ring-orange-400',
  kritikal: 'bg-red-700 text-white ring-red-800',
};

export async function PriorityBadge({ priority }: { priority: ComplaintPriority }) {
  const t = await getTranslations('serviceClock');
  return (
    <span data-priority={priority} className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${priorityTone[priority]}`}>
      {t(`priority.${priority}`)}
    </span>
  );
}

export async function ClockMark({ late, nearlyLate }: { late: boolean; nearlyLate: boolean }) {
  const t = await getTranslations('serviceClock');
  if (late) {
    return (
      <span data-testid="overdue-mark" title={t('overdueMark')} className="inline-block whitespace-nowrap rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold uppercase text-white">
        {t('late')}
      </span>
    );
  }
  if (nearlyLate) {
    return (
      <span data-testid="nearly-late-mark" className="inline-block whitespace-nowrap rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
        {t('nearlyLate')}
      </span>
    );
  }
  return null;
}

type Translate = Awaited<ReturnType<typeof getTranslations<'serviceClock'>>>;

/** "2 hari 3 jam", "4 jam 10 minit", "25 minit": working time, largest units first. */
export function durationText(t: Translate, d: Pick<DueDistance, 'days' | 'hours' | 'minutes'>): string {
  if (d.days > 0) return t('duration.days', { days: d.days, hours: d.hours });
  if (d.hours > 0) return t('duration.hours', { hours: d.hours, minutes: d.minutes });
  return t('duration.minutes', { minutes: d.minutes });
}

/** "2 hari 3 jam lagi" or "Lewat 4 jam" (plain "Lewat" when no working minute has passed yet). */
export function distanceText(t: Translate, d: DueDistance): string {
  if (!d.late) return t('left', { time: durationText(t, d) });
  return d.days + d.hours + d.minutes === 0 ? t('lateNow') : t('lateBy', { time: durationText(t, d) });
}
