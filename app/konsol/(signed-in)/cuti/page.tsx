import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { CalendarForm } from '@/components/konsol/holidays/calendar-form';
import { DeleteHoliday } from '@/components/konsol/holidays/delete-holiday';
import { HolidayForm } from '@/components/konsol/holidays/holiday-form';
import { CsvImport } from '@/components/konsol/csv-import';
import { requireStaff } from '@/lib/auth/guard';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { holidayYears, listHolidays, weekdayOf } from '@/lib/calendar/holidays';
import { getWorkingCalendarSettings } from '@/lib/calendar/settings';
import { getConsoleDb } from '@/lib/db';
import { scalarParams } from '@/lib/http/params';
import {
  addHolidayAction, confirmHolidayAction, confirmYearAction, deleteHolidayAction, editHolidayAction, importHolidaysAction, previewImportAction, saveCalendarAction,
} from './actions';

const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

// Public holidays and the working calendar (admins): a year's holidays (seeded ones wait to be
// confirmed), add, edit, delete, CSV import with a preview; then the weekend and working hours.
export default async function HolidaysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('settings.manage');
  const t = await getTranslations('holidays');
  const db = getConsoleDb();
  const years = await holidayYears(db);
  const thisYear = Number(malaysiaDay(new Date()).slice(0, 4));
  const asked = Number(scalarParams(await searchParams, ['tahun']).tahun);
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2999 ? asked : thisYear;
  const [rows, calendar] = await Promise.all([listHolidays(db, year), getWorkingCalendarSettings(db)]);
  const unconfirmed = rows.filter((r) => !r.confirmed).length;
  const days = WEEKDAYS.map((d) => t(`weekdays.${d}`));
  const formLabels = { day: t('day'), dayHint: t('dayHint'), name: t('name') };
  const card = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>

      <section aria-labelledby="holiday-list-title" className={card}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="holiday-list-title" className="text-lg font-semibold">{t('listTitle', { year })}</h2>
          <nav aria-label={t('yearNav')} className="flex flex-wrap gap-1 text-sm">
            {(years.includes(year) ? years : [...years, year].sort()).map((y) => (
              <Link key={y} href={`/konsol/cuti?tahun=${y}`} aria-current={y === year ? 'page' : undefined}
                className={`rounded px-2 py-1 ${y === year ? 'bg-slate-900 font-semibold text-white' : 'text-slate-900 underline hover:bg-slate-100'}`}>
                {y}
              </Link>
            ))}
          </nav>
        </div>
        {unconfirmed > 0 && (
          <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-300">
            <p className="text-sm text-amber-950">{t('unconfirmedNote', { count: unconfirmed })}</p>
            <ActionForm action={confirmYearAction} label={t('confirmAll', { year })} submitLabel={t('confirmAll', { year })} className="space-y-1">
              <input type="hidden" name="year" value={year} />
            </ActionForm>
          </div>
        )}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">{t('none', { year })}</p>
        ) : (
          // On a phone each holiday is a block (date, name, source, status, actions); a table from sm up.
          <div>
            <table className="block w-full text-left text-sm sm:table">
              <thead className="sr-only border-b border-slate-300 text-slate-700 sm:not-sr-only sm:table-header-group">
                <tr>
                  <th scope="col" className="px-2 py-2">{t('colDate')}</th>
                  <th scope="col" className="px-2 py-2">{t('colName')}</th>
                  <th scope="col" className="px-2 py-2">{t('colSource')}</th>
                  <th scope="col" className="px-2 py-2">{t('colStatus')}</th>
                  <th scope="col" className="px-2 py-2">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody className="block sm:table-row-group">
                {rows.map((r) => {
                  const date = formatDisplayDay(r.day);
                  return (
                    <tr key={r.id} className="block border-b border-slate-200 py-2 align-top sm:table-row sm:py-0" data-testid="holiday-row">
                      <td className="block whitespace-nowrap px-2 py-1 tabular-nums sm:table-cell sm:py-2">
                        {date}
                        <span className="block text-xs text-slate-600">{days[weekdayOf(r.day)]}</span>
                      </td>
                      <td className="block px-2 py-1 font-medium sm:table-cell sm:py-2" data-testid="holiday-name">{r.name}</td>
                      <td className="block px-2 py-1 text-xs text-slate-700 sm:table-cell sm:max-w-xs sm:py-2">{r.source ?? t('addedByAdmin')}</td>
                      <td className="block px-2 py-1 sm:table-cell sm:py-2">
                        {r.confirmed ? (
                          <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-green-900">{t('confirmed')}</span>
                        ) : (
                          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-950">{t('unconfirmed')}</span>
                        )}
                      </td>
                      <td className="flex flex-wrap items-start gap-2 px-2 py-1 sm:table-cell sm:space-y-2 sm:py-2">
                        {!r.confirmed && (
                          <ActionForm action={confirmHolidayAction} label={t('confirmLabel', { name: r.name })} submitLabel={t('confirm')} className="space-y-1">
                            <input type="hidden" name="id" value={r.id} />
                          </ActionForm>
                        )}
                        <details>
                          <summary className="cursor-pointer text-sm font-semibold text-slate-900 underline">{t('edit')}</summary>
                          <div className="mt-2 min-w-64">
                            <HolidayForm action={editHolidayAction} formLabel={t('editLabel', { name: r.name })} idPrefix={`edit-${r.id}`} holidayId={r.id}
                              defaults={{ day: date, name: r.name }} labels={{ ...formLabels, submit: t('save') }} />
                          </div>
                        </details>
                        <DeleteHoliday action={deleteHolidayAction} holidayId={r.id}
                          labels={{ delete: t('delete'), deleteLabel: t('deleteLabel', { name: r.name }), ask: t('deleteAsk', { name: r.name, date }), yes: t('deleteYes'), cancel: t('cancel') }} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="holiday-add-title" className={card}>
        <h2 id="holiday-add-title" className="text-lg font-semibold">{t('add')}</h2>
        <HolidayForm action={addHolidayAction} formLabel={t('add')} idPrefix="add" labels={{ ...formLabels, submit: t('addSubmit') }} />
      </section>

      <section aria-labelledby="holiday-import-title" className={card}>
        <h2 id="holiday-import-title" className="text-lg font-semibold">{t('importTitle')}</h2>
        <p className="text-sm text-slate-700">{t('importIntro')}</p>
        <CsvImport idPrefix="holiday" keyColumn={{ field: 'date', label: t('colDate'), day: true }}
          previewAction={previewImportAction} importAction={importHolidaysAction}
          labels={{
            form: t('importTitle'), file: t('file'), preview: t('preview'), previewTitle: t.raw('previewTitle'), summary: t.raw('previewSummary'),
            row: t('colRow'), name: t('colName'), result: t('colResult'), statusNew: t('statusNew'), statusSame: t('statusSame'),
            statusRename: t.raw('statusRename'), statusError: t.raw('statusError'), skipConfirm: t.raw('skipConfirm'), submit: t('importSubmit'),
            confirmLabel: t('importLabel'), rowErrors: t.raw('rowErrors'),
          }} />
      </section>

      <section aria-labelledby="calendar-title" className={card}>
        <h2 id="calendar-title" className="text-lg font-semibold">{t('calendarTitle')}</h2>
        <p className="text-sm text-slate-700">{t('calendarIntro')}</p>
        <CalendarForm action={saveCalendarAction} current={calendar}
          labels={{ form: t('calendarTitle'), weekend: t('weekendLegend'), days, start: t('start'), end: t('end'), submit: t('calendarSave') }} />
      </section>
    </div>
  );
}
