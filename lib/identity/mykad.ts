/**
 * MyKad (Malaysian identity card) number validation.
 *
 * Deliberately does NOT derive sex or birth date from the number: the helpdesk
 * only needs to know the number is plausible, and exposing derived personal
 * data would widen what we process under the PDPA.
 */

export type MyKadError = 'required' | 'format' | 'date' | 'place';

export type MyKadResult = { ok: true; value: string } | { ok: false; error: MyKadError };

/** Strips dashes and whitespace so `880101-03-5123` and `880101 03 5123` compare equal. */
export function normaliseMyKad(input: string): string {
  return input.replace(/[\s-]/g, '');
}

// Place-of-birth codes issued by JPN (states and foreign countries/regions).
// Unassigned codes (00, 17–20, 69–70, 73, 80–81, 94–97) are refused.
const VALID_PLACE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 16],
  [21, 59],
  [60, 68],
  [71, 72],
  [74, 79],
  [82, 93],
  [98, 99],
];

function isValidPlaceCode(code: number): boolean {
  return VALID_PLACE_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// The card does not say which century YY belongs to, so accept the date if it
// is real in either 19YY or 20YY (e.g. 000229 is valid thanks to 2000).
function isValidBirthDate(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  return [1900 + yy, 2000 + yy].some((year) => dd <= daysInMonth(year, mm));
}

export function validateMyKad(input: string): MyKadResult {
  const value = normaliseMyKad(input ?? '');
  if (value === '') return { ok: false, error: 'required' };
  if (!/^\d{12}$/.test(value)) return { ok: false, error: 'format' };
  if (!isValidBirthDate(value.slice(0, 6))) return { ok: false, error: 'date' };
  if (!isValidPlaceCode(Number(value.slice(6, 8)))) return { ok: false, error: 'place' };
  return { ok: true, value };
}

/** `880101035123` → `880101-03-5123`. Input is normalised first; non-12-digit input is returned as-is. */
export function formatMyKad(value: string): string {
  const digits = normaliseMyKad(value);
  if (!/^\d{12}$/.test(digits)) return value;
  return `${digits.slice(0, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`;
}

const ERROR_MESSAGES: Record<MyKadError, string> = {
  required: 'Perlu diisi',
  format: 'No Kad Pengenalan mesti 12 digit (contoh: 880101-03-5123).',
  date: 'Tarikh lahir dalam No Kad Pengenalan tidak sah.',
  place: 'Kod tempat lahir dalam No Kad Pengenalan tidak sah.',
};

export function myKadErrorMessage(error: MyKadError): string {
  return ERROR_MESSAGES[error];
}
