import en from './messages/en.json';
import ms from './messages/ms.json';
import type { Locale } from './config';

// Messages read outside React components (the error mapper, route handlers, server actions), in
// the visitor's or the officer's language. Plain `{name}` placeholders, no ICU syntax.
// The reliability codes (503s, upload refusals) live in their own namespace, read as error codes too.
const catalogues = {
  ms: { ...ms, errors: { ...ms.errors, ...ms.reliability.errors } },
  en: { ...en, errors: { ...en.errors, ...en.reliability.errors } },
} as const;

export type ErrorCode = keyof typeof ms.errors | keyof typeof ms.reliability.errors;
type ActionMessage = keyof typeof ms.actions;
type Params = Record<string, string | number>;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(catalogues.ms.errors, value);
}

/** An error code's message; a code we do not know reads as the generic "please correct the form". */
export function errorMessage(code: string, locale: Locale, params: Params = {}): string {
  return fill(isErrorCode(code) ? catalogues[locale].errors[code] : catalogues[locale].errors.invalid, params);
}

/** A server action's outcome message (e.g. "Disimpan."). */
export function actionMessage(key: ActionMessage, locale: Locale, params: Params = {}): string {
  return fill(catalogues[locale].actions[key], params);
}

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
