import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { complaintFieldsSchema, toFieldErrors } from '@/lib/validation/complaint';

const form = (over: Record<string, unknown> = {}) => ({
  submissionKey: randomUUID(),
  name: 'Siti Nurhaliza Binti Tarudin',
  ic: '880101-03-5123',
  ptj: 'Perbendaharaan Negeri Kelantan',
  phone: '012-345 6789',
  email: 'siti@example.gov.my',
  whatsappConsent: 'on',
  category: 'kod-barang-akaun',
  title: 'Kod iklan tiada',
  description: 'B0229120 Perkhidmatan pengiklanan tidak wujud dalam senarai kod barang iSPEKS.',
  declaration: 'on',
  ...over,
});

function parseOk(over: Record<string, unknown> = {}) {
  const r = complaintFieldsSchema.safeParse(form(over));
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(toFieldErrors(r.error))}`);
  return r.data;
}

describe('complaintFieldsSchema normalisation', () => {
  it('trims the name and collapses runs of spaces', () => {
    expect(parseOk({ name: '   Siti    Nurhaliza   Binti  Tarudin  ' }).name).toBe('Siti Nurhaliza Binti Tarudin');
  });

  it('keeps the marks found in Malaysian names', () => {
    expect(parseOk({ name: "Nik Nur'ain A/P Muthu @ Mary-Anne" }).name).toBe("Nik Nur'ain A/P Muthu @ Mary-Anne");
  });

  it.each(['012-345 6789', '0123456789', '+60123456789', '60123456789', '+60 12-345 6789', '(012) 345-6789', ' 012 345 6789 '])(
    'normalises the phone %j to 0123456789',
    (phone) => expect(parseOk({ phone }).phone).toBe('0123456789'),
  );

  it('normalises an 011 number to 11 digits', () => {
    expect(parseOk({ phone: '+6011-2345 6789' }).phone).toBe('01123456789');
  });

  it('lower-cases and trims the email', () => {
    expect(parseOk({ email: '  Siti.Nurhaliza@Example.GOV.MY ' }).email).toBe('siti.nurhaliza@example.gov.my');
  });

  it.each(['880101-03-5123', '880101035123', '880101 03 5123', ' 880101-03-5123 '])('strips separators from the IC %j', (ic) => {
    expect(parseOk({ ic }).ic).toBe('880101035123');
  });

  it('turns CRLF and lone CR in the description into LF, keeping the line breaks', () => {
    const d = parseOk({ description: 'Baris pertama laporan.\r\nBaris kedua laporan.\rBaris ketiga.\r\n' }).description;
    expect(d).toBe('Baris pertama laporan.\nBaris kedua laporan.\nBaris ketiga.');
    expect(d).not.toContain('\r');
  });

  it('counts the description length after CRLF normalisation', () => {
    // 600 lines of 7 characters: 5,398 characters with CRLF, 4,799 once normalised to LF.
    const text = Array.from({ length: 600 }, () => 'abcdefg').join('\r\n');
    expect(text.length).toBe(5398);
    expect(parseOk({ description: text }).description).toHaveLength(4799);
  });

  it('turns consent and declaration checkboxes into booleans', () => {
    const d = parseOk({ whatsappConsent: undefined });
    expect(d.whatsappConsent).toBe(false);
    expect(d.declaration).toBe(true);
    expect(parseOk({ whatsappConsent: 'on' }).whatsappConsent).toBe(true);
  });

  it('strips keys the public may not set (status, number, assignedTo, ...)', () => {
    const d = parseOk({
      status: 'ditutup',
      number: 'PKN000000000000001',
      assignedTo: randomUUID(),
      createdAt: '2001-01-01',
      icHash: 'x',
    });
    expect(Object.keys(d).sort()).toEqual(
      [
        'submissionKey',
        'name',
        'ic',
        'ptj',
        'phone',
        'email',
        'whatsappConsent',
        'category',
        'title',
        'description',
        'declaration',
      ].sort(),
    );
    for (const k of ['status', 'number', 'assignedTo', 'createdAt', 'icHash']) expect(d).not.toHaveProperty(k);
  });
});

describe('toFieldErrors', () => {
  it('reports the first error code per field', () => {
    const r = complaintFieldsSchema.safeParse(form({ name: 'Al\nAbu 1', ic: '881301-03-5123', phone: '03-2345 6789' }));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(toFieldErrors(r.error)).toEqual({ name: 'single_line', ic: 'ic_date', phone: 'phone_invalid' });
  });
});
