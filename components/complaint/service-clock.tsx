import { getTranslations } from 'next-intl/server';
import type { PublicClock } from '@/lib/complaints/public-view';

/** The charter clock beside "Bil Aging Aduan": the working day against the target, in one badge. */
export async function ServiceClockBadge({ clock }: { clock: PublicClock }) {
  const t = await getTranslations('publicClock');
  const tone = clock.late ? 'bg-red-700' : clock.state === 'waiting' ? 'bg-amber-700' : 'bg-brand-700';
  return (
    <span className={`rounded-md px-3 py-1 text-sm font-semibold text-white ${tone}`} data-testid="service-clock">
      {t('day', { day: clock.workingDay, target: clock.targetDays })}
    </span>
  );
}

/** One plain sentence on where the complaint stands against the charter: paused, late, done or on time. */
export async function ServiceClockNote({ clock }: { clock: PublicClock }) {
  const t = await getTranslations('publicClock');
  const values = { day: clock.workingDay, target: clock.targetDays };
  const text =
    clock.state === 'waiting'
      ? t('paused', values)
      : clock.state === 'resolved'
        ? t('resolved', values)
        : clock.state === 'closed'
          ? t('closed', values)
          : clock.late
            ? t('late', values)
            : t('charter', values);
  const emphasis = clock.state === 'waiting' ? 'border-amber-500 bg-amber-50' : clock.late && clock.state === 'running' ? 'border-red-600 bg-red-50' : 'border-slate-300 bg-white';
  return (
    <p className={`rounded-md border-l-4 px-3 py-2 text-sm text-slate-900 ${emphasis}`} data-testid="service-clock-note">
      {text}
    </p>
  );
}
