import en from './messages/en.json';
import ms from './messages/ms.json';
import type { Locale } from './config';

// Turns validation error codes into the visitor's language for the JSON API and route handlers.
const catalogues = { ms: ms.errors, en: en.errors } as const;
export type ErrorCode = keyof typeof ms.errors;

export function errorMessage(code: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const table = catalogues[locale] as Record<string, string>;
  const text = table[code] ?? table.invalid;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
