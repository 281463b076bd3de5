const locales = ['ms', 'en'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'ms';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function toLocale(value: string | undefined | null): Locale {
  return value === 'en' ? 'en' : defaultLocale;
}
