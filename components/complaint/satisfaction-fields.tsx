'use client';

import { useTranslations } from 'next-intl';
import { describedBy, inputClass } from '@/components/ui/field';

/** Field errors by name, already worded (the `satisfaction.errors` messages). */
export type VerdictErrors = Partial<Record<'satisfied' | 'rating' | 'comment', string>>;

/**
 * Puas hati / Tidak puas hati, a rating 1–5 and an optional comment: on the closing form and on the
 * emailed link's page. `appealNote` says that Tidak puas hati opens the appeal (when it would).
 */
export function SatisfactionFields({ idPrefix, errors, appealNote }: { idPrefix: string; errors: VerdictErrors; appealNote: boolean }) {
  const t = useTranslations('satisfaction');
  const tf = useTranslations('form');
  const err = (name: keyof VerdictErrors) =>
    errors[name] && (
      <p id={`${idPrefix}-${name}-error`} className="text-sm font-medium text-red-700">
        <span aria-hidden="true">⚠ </span>
        {errors[name]}
      </p>
    );
  return (
    <div className="space-y-4" data-testid="satisfaction-fields">
      <fieldset aria-describedby={[appealNote ? `${idPrefix}-appeal-note` : '', errors.satisfied ? `${idPrefix}-satisfied-error` : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={!!errors.satisfied} className="space-y-2">
        <legend className="font-medium text-slate-900">
          {t('question')}
          <span className="text-red-700" aria-hidden="true"> *</span>
          <span className="sr-only"> ({tf('required')})</span>
        </legend>
        {appealNote && (
          <p id={`${idPrefix}-appeal-note`} className="text-sm text-slate-700">
            {t('appealNote')}
          </p>
        )}
        {err('satisfied')}
        <div className="flex flex-wrap gap-3">
          {(['puas', 'tidak_puas'] as const).map((v) => (
            <label key={v} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-400 bg-white px-4 py-2 font-medium has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="satisfied" value={v} className="h-5 w-5 accent-brand-600" />
              {v === 'puas' ? t('satisfied') : t('notSatisfied')}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errors.rating ? `${idPrefix}-rating-error` : undefined} aria-invalid={!!errors.rating} className="space-y-2">
        <legend className="font-medium text-slate-900">
          {t('rating')}
          <span className="text-red-700" aria-hidden="true"> *</span>
          <span className="sr-only"> ({tf('required')})</span>
        </legend>
        {err('rating')}
        <div className="flex flex-wrap gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="relative flex h-11 w-11 items-center justify-center rounded-md border border-slate-400 bg-white text-lg font-semibold has-[:checked]:border-brand-600 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 has-[:focus-visible]:ring-offset-2">
              {/* The whole square is the radio (transparent over its number), so a tap anywhere picks it. */}
              <input type="radio" name="rating" value={n} aria-label={t('ratingValue', { n })} className="absolute inset-0 h-full w-full cursor-pointer appearance-none rounded-md" />
              <span aria-hidden="true" className="pointer-events-none">{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-comment`} className="block font-medium text-slate-900">
          {t('comment')}
        </label>
        <p id={`${idPrefix}-comment-hint`} className="text-sm text-slate-600">
          {t('commentHint')}
        </p>
        {err('comment')}
        <textarea id={`${idPrefix}-comment`} name="comment" rows={3} maxLength={2000} className={inputClass} aria-invalid={!!errors.comment}
          aria-describedby={describedBy(`${idPrefix}-comment`, t('commentHint'), errors.comment)} />
      </div>
    </div>
  );
}
