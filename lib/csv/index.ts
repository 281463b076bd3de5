// A small RFC 4180 writer for the console's exports: CRLF between records, a field quoted when it
// holds a comma, a double quote, CR or LF, and a quote inside a quoted field doubled. Exports are
// opened in spreadsheets, so every cell is also neutralised against formula injection (a cell that
// starts with = + - @, tab or CR gets a leading apostrophe, as OWASP advises), and the file starts
// with a byte-order mark so Excel reads UTF-8 names correctly.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** One field, quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The whole file: a header row and the records, every cell neutralised, CRLF-terminated. */
export function toCsv(header: string[], rows: (string | null | undefined)[][]): string {
  const line = (cells: (string | null | undefined)[]) => cells.map((c) => csvField(neutraliseFormula(c ?? ''))).join(',');
  return `\uFEFF${[header, ...rows].map(line).join('\r\n')}\r\n`;
}
