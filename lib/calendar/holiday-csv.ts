import { CONTROL_CHARS, decodeCsvBytes, readCsvRecords, type CsvFileError } from '@/lib/csv/read';
import { parseDisplayDay } from './display-day';
import type { CalendarDay } from './days';

// The public-holiday CSV an admin imports: two columns, the date (dd-MM-yyyy as people type it, or
// yyyy-MM-dd) and the name, an optional header row, UTF-8 with or without a byte-order mark,
// commas (RFC 4180 quoting) or semicolons (a Malay-locale Excel's separator), read by
// lib/csv/read.ts like every import. Strict and pure: it says what each row is or why it is refused
// (a code with its row number, as the admin's spreadsheet numbers rows); comparing with the
// holidays on record is lib/calendar/holidays.ts's.

export const HOLIDAY_CSV_MAX_BYTES = 100_000;
export const HOLIDAY_CSV_MAX_ROWS = 500;
export const HOLIDAY_NAME_MAX = 120;

export type HolidayCsvRowError = 'columns' | 'date_invalid' | 'name_missing' | 'name_too_long' | 'name_chars' | 'duplicate_in_file';
export type HolidayCsvFileError = CsvFileError;

export type HolidayCsvRow =
  | { row: number; ok: true; day: CalendarDay; name: string }
  | { row: number; ok: false; error: HolidayCsvRowError; date: string; name: string };

export type HolidayCsvResult = { ok: true; rows: HolidayCsvRow[] } | { ok: false; error: HolidayCsvFileError };

const HEADER_WORDS = new Set(['date', 'tarikh', 'day', 'hari']);

/** Reads the bytes of an uploaded file. */
export function decodeHolidayCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: HolidayCsvFileError } {
  return decodeCsvBytes(bytes, HOLIDAY_CSV_MAX_BYTES);
}

/** Parses the file's text (a leading byte-order mark is dropped) into rows, each valid or refused. */
export function parseHolidayCsv(input: string): HolidayCsvResult {
  const read = readCsvRecords(input, { maxChars: HOLIDAY_CSV_MAX_BYTES, maxRows: HOLIDAY_CSV_MAX_ROWS, headerWords: HEADER_WORDS, columns: 2 });
  if (!read.ok) return read;

  const seen = new Set<CalendarDay>();
  const rows = read.records.map(({ row, cells }): HolidayCsvRow => {
    const date = (cells[0] ?? '').trim();
    const name = (cells[1] ?? '').trim().replace(/ {2,}/g, ' ');
    const refuse = (error: HolidayCsvRowError): HolidayCsvRow => ({ row, ok: false, error, date, name });
    // Spreadsheets often add empty columns at the end of a row (dropped by the reader); anything else beyond two is refused.
    if (cells.length !== 2) return refuse('columns');
    const day = parseDisplayDay(date);
    if (!day) return refuse('date_invalid');
    if (name === '') return refuse('name_missing');
    if (name.length > HOLIDAY_NAME_MAX) return refuse('name_too_long');
    if (CONTROL_CHARS.test(name)) return refuse('name_chars');
    if (seen.has(day)) return refuse('duplicate_in_file');
    seen.add(day);
    return { row, ok: true, day, name };
  });
  return { ok: true, rows };
}
