// Reading the CSV files admins import (public holidays, the PTJ list): one reader for every
// import, so each file is decoded, split and numbered the same way. UTF-8 with or without a
// byte-order mark (anything else is refused), RFC 4180 quoting, CRLF or LF, and `;` as the
// separator when the first line has a `;` and no `,` (a Malay-locale Excel's CSV). Rows are
// numbered as the admin's spreadsheet numbers them (blank lines count, then are dropped); an
// optional header row is recognised by its first cell. Pure: what each row means is the caller's.

export type CsvFileError = 'empty' | 'not_utf8' | 'too_large' | 'too_many_rows' | 'unclosed_quote';

/** A non-blank record and its line number in the file (1-based, as a spreadsheet shows it). */
export type CsvRecord = { row: number; cells: string[] };

/** Reads the bytes of an uploaded file as UTF-8 (strictly), at most `maxBytes`. */
export function decodeCsvBytes(bytes: Uint8Array, maxBytes: number): { ok: true; text: string } | { ok: false; error: CsvFileError } {
  if (bytes.byteLength > maxBytes) return { ok: false, error: 'too_large' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: 'not_utf8' };
  }
}

/**
 * The file's non-blank records with their row numbers: a leading byte-order mark is dropped, a
 * first record whose first cell is one of `headerWords` (any case) is the header and is skipped,
 * and trailing empty cells beyond `columns` (spreadsheets add them) are dropped.
 */
export function readCsvRecords(
  input: string,
  opts: { maxChars: number; maxRows: number; headerWords: ReadonlySet<string>; columns: number },
): { ok: true; records: CsvRecord[] } | { ok: false; error: CsvFileError } {
  const text = input.replace(/^\uFEFF/, '');
  if (text.length > opts.maxChars) return { ok: false, error: 'too_large' };
  const records = splitRecords(text);
  if (!records) return { ok: false, error: 'unclosed_quote' };
  const numbered = records.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (numbered.length > 0 && opts.headerWords.has(numbered[0].cells[0].trim().toLowerCase())) numbered.shift();
  if (numbered.length === 0) return { ok: false, error: 'empty' };
  if (numbered.length > opts.maxRows) return { ok: false, error: 'too_many_rows' };
  for (const r of numbered) while (r.cells.length > opts.columns && r.cells[r.cells.length - 1].trim() === '') r.cells.pop();
  return { ok: true, records: numbered };
}

/**
 * RFC 4180 records: fields separated by the row's separator (`,` or, when the first line has a `;`
 * and no `,`, `;`), quoted fields may hold separators, line breaks and doubled quotes; CRLF or LF.
 * Null when a quote is never closed.
 */
export function splitRecords(text: string): string[][] | null {
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

/** Control characters (tabs and line breaks included): a name in a list is one line of text. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
