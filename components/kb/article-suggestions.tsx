'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { SolvedButton } from './solved-button';

// While a complainant types the title and description, the best published articles (at most
// three) from GET /api/v1/soalan-lazim/cadangan, after a pause in typing. A newer request aborts
// the one before, so a slow answer never replaces a newer one. Nothing here touches the form's
// values: the article opens in a new tab and "this solved my problem" only counts and thanks.

export type Suggestion = { slug: string; title: string; snippet: string };

const PAUSE_MS = 350;
const MIN_CHARS = 3;
const MAX_CHARS = 500;

/** The suggestions for the text typed so far; call `onText` on every change of the title or description. */
export function useArticleSuggestions() {
  const [items, setItems] = useState<Suggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);
  const lastQuery = useRef('');

  const fetchFor = useCallback(async (q: string) => {
    if (q === lastQuery.current) return;
    lastQuery.current = q;
    inFlight.current?.abort();
    if (q.length < MIN_CHARS) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const res = await fetch(`/api/v1/soalan-lazim/cadangan?q=${encodeURIComponent(q)}`, { signal: controller.signal });
      if (!res.ok) return; // a refusal (rate limit) leaves the suggestions as they were
      const body = (await res.json()) as { items?: Suggestion[] };
      if (!controller.signal.aborted) setItems(body.items ?? []);
    } catch {
      // aborted by a newer request, or offline: the form works without suggestions
    }
  }, []);

  const onText = useCallback(
    (title: string, description: string) => {
      clearTimeout(timer.current);
      const q = `${title} ${description}`.replace(/\s+/g, ' ').trim().slice(0, MAX_CHARS);
      timer.current = setTimeout(() => void fetchFor(q), PAUSE_MS);
    },
    [fetchFor],
  );

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    inFlight.current?.abort();
    lastQuery.current = '';
    setItems([]);
  }, []);

  useEffect(() => () => {
    clearTimeout(timer.current);
    inFlight.current?.abort();
  }, []);

  return { items, onText, clear };
}

/** "Mungkin ini penyelesaian anda": announced politely, each article with its start, a link and the deflection button. */
export function ArticleSuggestions({ items }: { items: Suggestion[] }) {
  const t = useTranslations('kbPublic');
  return (
    <div aria-live="polite" data-testid="kb-suggestions">
      {items.length > 0 && (
        <section aria-labelledby="kb-suggestions-heading" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
          <h2 id="kb-suggestions-heading" className="font-semibold text-brand-800">
            {t('suggestionsHeading')}
          </h2>
          <p className="text-sm text-slate-700">{t('suggestionsHint')}</p>
          <p className="sr-only">{t('suggestionsFound', { count: items.length })}</p>
          <ul className="mt-3 space-y-3">
            {items.map((s) => (
              <li key={s.slug} className="rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200">
                <p className="font-semibold text-slate-900">{s.title}</p>
                <p className="mt-1 text-sm text-slate-700">{s.snippet}</p>
                <a href={`/soalan-lazim/${s.slug}`} target="_blank" rel="noopener" className="mt-1 inline-block text-sm text-brand-700 underline">
                  {t('readArticle')}
                </a>
                <SolvedButton slug={s.slug} source="form" className="mt-2" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
