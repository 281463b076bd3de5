import { getLocale, getTranslations } from 'next-intl/server';
import { formatMyDateTime } from '@/lib/calendar/format';
import type { WorkingCalendar } from '@/lib/calendar/working';
import type { ComplaintPriority, ComplaintStatus } from '@/lib/db/schema';
import type { ActionResult } from '@/lib/http/errors';
import type { HeldResult } from '@/lib/console/held-send';
import type { ServiceClock } from '@/lib/sla/clock';
import { dueDistance } from '@/lib/sla/remaining';
import { PRIORITIES } from '@/lib/sla/targets';
import { ActionForm } from './action-form';
import { ClockMark, distanceText, PriorityBadge } from './service-clock-marks';

// "Tahap perkhidmatan" on a complaint's console page: the priority and category (which set the
// targets), calendar aging as the public reads it, and the working-time clock against both
// targets, read from lib/sla/clock.ts.

type Action = (state: HeldResult | ActionResult | null, form: FormData) => Promise<HeldResult | ActionResult>;

export async function ServiceLevelPanel({
  complaint: c,
  may,
  categories,
  actions,
  className,
}: {
  complaint: {
    number: string;
    status: ComplaintStatus;
    priority: ComplaintPriority;
    category: { id: number };
    agingDays: number;
    service: { clock: ServiceClock; firstRespondedAt: Date | null; now: Date; calendar: WorkingCalendar };
  };
  may: { prioritise: boolean; recategorise: boolean };
  categories: { id: number; nameMs: string; nameEn: string }[];
  actions: { priority: Action; category: Action };
  className: string;
}) {
  const t = await getTranslations('serviceClock');
  const th = await getTranslations('history');
  const ts = await getTranslations('status');
  const en = (await getLocale()) === 'en';
  const { clock, firstRespondedAt, now, calendar } = c.service;
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const running = clock.state === 'running';

  const first = firstRespondedAt
    ? t(clock.firstResponse.late ? 'metLate' : 'metAt', { at: formatMyDateTime(firstRespondedAt) })
    : running
      ? distanceText(t, dueDistance(calendar, clock.due.firstResponseDueAt, now))
      : null;
  const resolutionState =
    clock.state === 'paused'
      ? t('paused', { status: ts(c.status) })
      : clock.state === 'stopped'
        ? t('stopped')
        : distanceText(t, dueDistance(calendar, clock.due.resolutionDueAt, now));

  return (
    <section className={`${className} space-y-3`} aria-labelledby="service-level">
      <h2 id="service-level" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {t('panel')} <PriorityBadge priority={c.priority} />
      </h2>
      <dl className="grid grid-cols-1 gap-y-2 text-sm">
        <div>
          <dt className="font-medium">{t('calendarAging')}</dt>
          <dd data-testid="calendar-aging">{th('aging', { days: c.agingDays })}</dd>
        </div>
        <div>
          <dt className="font-medium">{t('firstResponse')}</dt>
          <dd data-testid="first-response">
            {t('due', { at: formatMyDateTime(clock.due.firstResponseDueAt) })}
            {first && <span className="block text-slate-700">{first}</span>}
            {!firstRespondedAt && running && clock.firstResponse.late && <ClockMark late nearlyLate={false} />}
          </dd>
        </div>
        <div>
          <dt className="font-medium">{t('resolution')}</dt>
          <dd data-testid="resolution" className="space-y-0.5">
            <span className="block">{t('workingDay', { day: clock.workingDay, target: clock.targetDays })}</span>
            <span className="block">{t('due', { at: formatMyDateTime(clock.due.resolutionDueAt) })}</span>
            <span className="block text-slate-700">{resolutionState}</span>
            <ClockMark late={clock.late} nearlyLate={clock.nearlyLate} />
          </dd>
        </div>
      </dl>
      {may.prioritise && (
        <ActionForm action={actions.priority} label={t('priorityLabel')} submitLabel={t('savePriority')}>
          <input type="hidden" name="number" value={c.number} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('priorityLabel')}
            <select key={c.priority} name="priority" defaultValue={c.priority} className={input}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      )}
      {may.recategorise && (
        <ActionForm action={actions.category} label={t('categoryLabel')} submitLabel={t('saveCategory')}>
          <input type="hidden" name="number" value={c.number} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('categoryLabel')}
            <select key={c.category.id} name="categoryId" defaultValue={String(c.category.id)} className={input}>
              {categories.map((k) => (
                <option key={k.id} value={k.id}>
                  {en ? k.nameEn : k.nameMs}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      )}
      {(may.prioritise || may.recategorise) && <p className="text-xs text-slate-600">{t('movesDue')}</p>}
    </section>
  );
}
