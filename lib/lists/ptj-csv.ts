import { decodeCsvBytes, readCsvRecords, type CsvFileError } from '@/lib/csv/read';
import { nameProblem, tidyName } from './input';

// The PTJ list an admin imports: two columns, the code and the name, an optional header row; read
// by lib/csv/read.ts like every import (UTF-8, RFC 4180, `;` files from a Malay-locale Excel).
// Strict and pure: each row is valid or refused with a code and its row number as the admin's
// spreadsheet numbers it; comparing with the list on record is lib/lists/ptj.ts's.

export const PTJ_CSV_MAX_BYTES = 200_000;
export const PTJ_CSV_MAX_ROWS = 2_000;
export const PTJ_CODE_MAX = 32;
/** The public form's PTJ field takes 200 characters (LIMITS.ptjMax). */
export const PTJ_NAME_MAX = 200;

export type PtjCsvRowError =
  | 'columns'
  | 'code_required'
  | 'code_invalid'
  | 'code_too_long'
  | 'name_required'
  | 'name_too_long'
  | 'name_chars'
  | 'duplicate_code'
  | 'duplicate_name';

export type PtjCsvRow =
  | { row: number; ok: true; code: string; name: string }
  | { row: number; ok: false; error: PtjCsvRowError; code: string; name: string };

export type PtjCsvResult = { ok: true; rows: PtjCsvRow[] } | { ok: false; error: CsvFileError };

const HEADER_WORDS = new Set(['code', 'kod', 'kod ptj', 'ptj']);
const CODE = /^[A-Z0-9][A-Z0-9._/-]*$/;

/** A PTJ code as stored: trimmed and in capitals (PKN01). */
export const tidyCode = (raw: string) => raw.trim().toUpperCase();

/** The refusal code for a tidied PTJ code, or null when it is fine. */
export function codeProblem(code: string): 'code_required' | 'code_too_long' | 'code_invalid' | null {
  if (code === '') return 'code_required';
  if (code.length > PTJ_CODE_MAX) return 'code_too_long';
  if (!CODE.test(code)) return 'code_invalid';
  return null;
}

export const decodePtjCsv = (bytes: Uint8Array) => decodeCsvBytes(bytes, PTJ_CSV_MAX_BYTES);

/** Parses the file's text into rows, each valid or refused (a code or name twice in the file: the later row). */
export function parsePtjCsv(input: string): PtjCsvResult {
  const read = readCsvRecords(input, { maxChars: PTJ_CSV_MAX_BYTES, maxRows: PTJ_CSV_MAX_ROWS, headerWords: HEADER_WORDS, columns: 2 });
  if (!read.ok) return read;
  const codes = new Set<string>();
  const names = new Set<string>();
  const rows = read.records.map(({ row, cells }): PtjCsvRow => {
    const code = tidyCode(cells[0] ?? '');
    const name = tidyName(cells[1] ?? '');
    const refuse = (error: PtjCsvRowError): PtjCsvRow => ({ row, ok: false, error, code, name });
    if (cells.length !== 2) return refuse('columns');
    const bad = codeProblem(code) ?? nameProblem(name, PTJ_NAME_MAX);
    if (bad) return refuse(bad as PtjCsvRowError);
    if (codes.has(code)) return refuse('duplicate_code');
    if (names.has(name.toLowerCase())) return refuse('duplicate_name');
    codes.add(code);
    names.add(name.toLowerCase());
    return { row, ok: true, code, name };
  });
  return { ok: true, rows };
}
