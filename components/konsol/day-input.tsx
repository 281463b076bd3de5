import { getTranslations } from 'next-intl/server';
import { DISPLAY_DAY_PATTERN, formatDisplayDay, parseDisplayDay } from '@/lib/calendar/display-day';

/**
 * A date filter typed as dd-MM-yyyy: a text box, not <input type="date">, whose format and words
 * follow the browser's language (mm/dd/yyyy on an English Windows) instead of the page's. `raw`
 * is the URL's value: a valid day is shown back as dd-MM-yyyy; anything else stays as typed, with
 * a message beside the field (the filter itself drops it, see the page's parser).
 */
export async function DayInput({ id, name, label, raw, className }: { id: string; name: string; label: string; raw: string | undefined; className: string }) {
  const t = await getTranslations('dayInput');
  const day = parseDisplayDay(raw);
  const invalid = !!raw?.trim() && !day;
  return (
    <div className="flex w-full flex-col gap-1 font-medium sm:w-44">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="text" inputMode="numeric" autoComplete="off" maxLength={10} size={11}
        pattern={DISPLAY_DAY_PATTERN} placeholder="dd-mm-yyyy" title={t('hint')}
        defaultValue={day ? formatDisplayDay(day) : (raw ?? '')}
        aria-invalid={invalid || undefined} aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        className={`${className}${invalid ? ' border-red-700' : ''}`} />
      <span id={`${id}-hint`} className="text-xs font-normal text-slate-600">{t('hint')}</span>
      {invalid && <span id={`${id}-error`} className="text-xs font-semibold text-red-800">{t('invalid')}</span>}
    </div>
  );
}
