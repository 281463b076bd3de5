import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv } from '@/lib/csv';

// The console's CSV writer: RFC 4180 quoting, CRLF records, and no cell a spreadsheet would run.

describe('RFC 4180 fields', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling inner quotes', () => {
    expect(csvField('Aduan PKN1')).toBe('Aduan PKN1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('kata "ya"')).toBe('"kata ""ya"""');
    expect(csvField('baris\r\nkedua')).toBe('"baris\r\nkedua"');
    expect(csvField('{"from":"baru","to":"selesai"}')).toBe('"{""from"":""baru"",""to"":""selesai""}"');
  });

  it('writes a byte-order mark, a header and CRLF-terminated records; empty cells stay empty', () => {
    expect(toCsv(['Masa', 'Pelaku'], [['01-03-2026 09:00', 'Siti, Aminah'], [null, undefined]])).toBe(
      '\uFEFFMasa,Pelaku\r\n01-03-2026 09:00,"Siti, Aminah"\r\n,\r\n',
    );
  });
});

describe('formula injection', () => {
  it('prefixes cells that start with = + - @ tab or CR with an apostrophe, and nothing else', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+60123', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(bad), JSON.stringify(bad)).toBe(`'${bad}`);
    }
    for (const fine of ['Membuka aduan', '10.0.0.1', '', 'a=b', '{"x":1}']) expect(neutraliseFormula(fine)).toBe(fine);
  });

  it('neutralises before quoting, so a quoted formula is still text', () => {
    expect(toCsv(['x'], [['=cmd|"/c calc"!A1']])).toBe('\uFEFFx\r\n"\'=cmd|""/c calc""!A1"\r\n');
  });
});
