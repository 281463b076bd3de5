import { parseDisplayDay } from './display-day';
import type { CalendarDay } from './days';

// The public-holiday CSV an admin imports: two columns, the date (dd-MM-yyyy as people type it, or
// yyyy-MM-dd) and the name, an optional header row, UTF-8 with or without a byte-order mark,
// commas (RFC 4180 quoting) or semicolons (a Malay-locale Excel's separator). Strict and pure: it
// says what each row is or why it is refused (a code with its row number, as the admin's
// spreadsheet numbers rows); comparing with the holidays on record is lib/calendar/holidays.ts's.

export const HOLIDAY_CSV_MAX_BYTES = 100_000;
export const HOLIDAY_CSV_MAX_ROWS = 500;
export const HOLIDAY_NAME_MAX = 120;

export type HolidayCsvRowError = 'columns' | 'date_invalid' | 'name_missing' | 'name_too_long' | 'name_chars' | 'duplicate_in_file';
export type HolidayCsvFileError = 'empty' | 'not_utf8' | 'too_large' | 'too_many_rows' | 'unclosed_quote';

export type HolidayCsvRow =
  | { row: number; ok: true; day: CalendarDay; name: string }
  | { row: number; ok: false; error: HolidayCsvRowError; date: string; name: string };

export type HolidayCsvResult = { ok: true; rows: HolidayCsvRow[] } | { ok: false; error: HolidayCsvFileError };

const HEADER_WORDS = new Set(['date', 'tarikh', 'day', 'hari']);
// Control characters (tabs and line breaks included): a holiday's name is one line of text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Reads the bytes of an uploaded file. */
export function decodeHolidayCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: HolidayCsvFileError } {
  if (bytes.byteLength > HOLIDAY_CSV_MAX_BYTES) return { ok: false, error: 'too_large' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: 'not_utf8' };
  }
}

/** Parses the file's text (a leading byte-order mark is dropped) into rows, each valid or refused. */
export function parseHolidayCsv(input: string): HolidayCsvResult {
  const text = input.replace(/^\uFEFF/, '');
  if (text.length > HOLIDAY_CSV_MAX_BYTES) return { ok: false, error: 'too_large' };
  const records = splitRecords(text);
  if (!records) return { ok: false, error: 'unclosed_quote' };
  const numbered = records.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (numbered.length > 0 && HEADER_WORDS.has(numbered[0].cells[0].trim().toLowerCase())) numbered.shift();
  if (numbered.length === 0) return { ok: false, error: 'empty' };
  if (numbered.length > HOLIDAY_CSV_MAX_ROWS) return { ok: false, error: 'too_many_rows' };

  const seen = new Set<CalendarDay>();
  const rows = numbered.map(({ row, cells }): HolidayCsvRow => {
    // Spreadsheets often add empty columns at the end of a row; anything else beyond two is refused.
    while (cells.length > 2 && cells[cells.length - 1].trim() === '') cells.pop();
    const date = (cells[0] ?? '').trim();
    const name = (cells[1] ?? '').trim().replace(/ {2,}/g, ' ');
    const refuse = (error: HolidayCsvRowError): HolidayCsvRow => ({ row, ok: false, error, date, name });
    if (cells.length !== 2) return refuse('columns');
    const day = parseDisplayDay(date);
    if (!day) return refuse('date_invalid');
    if (name === '') return refuse('name_missing');
    if (name.length > HOLIDAY_NAME_MAX) return refuse('name_too_long');
    if (CONTROL.test(name)) return refuse('name_chars');
    if (seen.has(day)) return refuse('duplicate_in_file');
    seen.add(day);
    return { row, ok: true, day, name };
  });
  return { ok: true, rows };
}

/**
 * RFC 4180 records: fields separated by the row's separator (`,` or, when the first line has a `;`
 * and no `,`, `;`), quoted fields may hold separators, line breaks and doubled quotes; CRLF or LF.
 * Null when a quote is never closed.
 */
function splitRecords(text: string): string[][] | null {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push(cells);
  }
  return records;
}
