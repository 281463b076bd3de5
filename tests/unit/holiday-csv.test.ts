import { describe, expect, it } from 'vitest';
import { decodeHolidayCsv, parseHolidayCsv, HOLIDAY_CSV_MAX_ROWS } from '@/lib/calendar/holiday-csv';

const ok = (text: string) => {
  const r = parseHolidayCsv(text);
  if (!r.ok) throw new Error(`file refused: ${r.error}`);
  return r.rows;
};

describe('holiday CSV parser', () => {
  it('reads dd-MM-yyyy and yyyy-MM-dd, with or without a header row, CRLF or LF', () => {
    expect(ok('tarikh,nama\r\n31-08-2026,Hari Kebangsaan\r\n2026-09-16,Hari Malaysia\r\n')).toEqual([
      { row: 2, ok: true, day: '2026-08-31', name: 'Hari Kebangsaan' },
      { row: 3, ok: true, day: '2026-09-16', name: 'Hari Malaysia' },
    ]);
    expect(ok('31/08/2026,Hari Kebangsaan')).toEqual([{ row: 1, ok: true, day: '2026-08-31', name: 'Hari Kebangsaan' }]);
    expect(ok('Date,Name\n31.08.2026,  Hari   Kebangsaan  \n')[0]).toMatchObject({ row: 2, day: '2026-08-31', name: 'Hari Kebangsaan' });
  });

  it('drops a byte-order mark, and decodes only real UTF-8', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('date,name\n29-09-2026,Hari Keputeraan Sultan Kelantan\n')]);
    const decoded = decodeHolidayCsv(bom);
    if (!decoded.ok) throw new Error('refused');
    expect(ok(decoded.text)).toEqual([{ row: 2, ok: true, day: '2026-09-29', name: 'Hari Keputeraan Sultan Kelantan' }]);
    expect(ok('\uFEFF29-09-2026,Hari Keputeraan')[0]).toMatchObject({ day: '2026-09-29' });
    expect(decodeHolidayCsv(new Uint8Array([0x31, 0x2c, 0xff, 0xfe]))).toEqual({ ok: false, error: 'not_utf8' });
    expect(decodeHolidayCsv(new Uint8Array(100_001))).toEqual({ ok: false, error: 'too_large' });
  });

  it('follows RFC 4180 quoting, and a semicolon file from a Malay-locale Excel', () => {
    expect(ok('"25-12-2026","Hari Krismas, cuti ""umum"""')[0]).toMatchObject({ name: 'Hari Krismas, cuti "umum"' });
    expect(ok('tarikh;nama\n25-12-2026;Hari Krismas\n')[0]).toMatchObject({ row: 2, day: '2026-12-25', name: 'Hari Krismas' });
    expect(parseHolidayCsv('25-12-2026,"Hari Krismas')).toEqual({ ok: false, error: 'unclosed_quote' });
  });

  it('refuses each bad row with its row number and a reason, keeping the good ones', () => {
    const rows = ok(['tarikh,nama', '31-02-2026,Tiada tarikh ini', '01-05-2026,', '01-05-2026,Hari Pekerja', '2026-05-01,Hari Pekerja lagi', '27-05-2026', '16-09-2026,Hari Malaysia,x', `17-06-2026,${'a'.repeat(121)}`, '', '31-08-2026,Hari Kebangsaan,,'].join('\n'));
    expect(rows.map((r) => [r.row, r.ok ? 'ok' : r.error])).toEqual([
      [2, 'date_invalid'],
      [3, 'name_missing'],
      [4, 'ok'],
      [5, 'duplicate_in_file'],
      [6, 'columns'],
      [7, 'columns'],
      [8, 'name_too_long'],
      [10, 'ok'],
    ]);
    expect(rows[0]).toMatchObject({ date: '31-02-2026', name: 'Tiada tarikh ini' });
  });

  it('refuses an empty file and one with too many rows', () => {
    expect(parseHolidayCsv('')).toEqual({ ok: false, error: 'empty' });
    expect(parseHolidayCsv('tarikh,nama\n\n')).toEqual({ ok: false, error: 'empty' });
    const many = Array.from({ length: HOLIDAY_CSV_MAX_ROWS + 1 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}-01-2030,Cuti ${i}`).join('\n');
    expect(parseHolidayCsv(many)).toEqual({ ok: false, error: 'too_many_rows' });
  });
});
