import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import ms from '@/lib/i18n/messages/ms.json';
import { inspectUpload } from '@/lib/uploads/inspect';
import { POST as fileRoute } from '@/app/api/v1/aduan/route';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, validFields } from '../support/fixtures';
import { counts } from '../support/inspect';

// Threat: a PDF attachment that acts when an officer opens it — scripts, actions on opening or on
// events, launching a program, files hidden inside, or HTML after the %PDF header (a polyglot).
// PDFs are stored as sent, so these are refused, with a Malay message beside the field, and
// nothing is written. A plain PDF, and one that only says which page to open at, pass.

const pdf = (...objects: string[]) => {
  const head = ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj'];
  return new TextEncoder().encode([...head, ...objects, 'trailer << /Root 1 0 R >>', '%%EOF'].join('\n'));
};
const withCatalog = (catalog: string) => {
  const text = new TextDecoder().decode(pdf('3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj'));
  return new TextEncoder().encode(text.replace('<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`));
};

function compressedObjectStream(content: string): Uint8Array {
  const data = deflateSync(Buffer.from(content, 'latin1'));
  const head = Buffer.from(`%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1');
  const tail = Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF', 'latin1');
  return new Uint8Array(Buffer.concat([head, data, tail]));
}

const active: [string, Uint8Array][] = [
  ['a script run on opening (/OpenAction /JavaScript)', withCatalog('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')],
  ['a script name written with #xx escapes (/J#61vaScript)', withCatalog('/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>')],
  ['a program launched (/Launch)', withCatalog('/OpenAction << /S /Launch /F (cmd.exe) >>')],
  ['an action on opening by reference (/OpenAction 9 0 R)', withCatalog('/OpenAction 9 0 R')],
  ['a file inside the file (/EmbeddedFiles)', withCatalog('/Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >>')],
  ['an action on a page event (/AA)', pdf('3 0 obj << /Type /Page /Parent 2 0 R /AA << /O 8 0 R >> >> endobj')],
  ['HTML after the %PDF header', new TextEncoder().encode('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF')],
  ['a script inside a compressed object stream', compressedObjectStream('9 0 << /S /JavaScript /JS (app.alert(1)) >>')],
];

describe('PDF with active content', () => {
  it.each(active)('refuses %s', async (_, bytes) => {
    expect(await inspectUpload('surat.pdf', bytes)).toEqual({ ok: false, error: 'pdf_active_content' });
  });

  it('accepts a plain PDF, and one that only opens at a page (/OpenAction [3 0 R /Fit])', async () => {
    expect((await inspectUpload('surat.pdf', pdfBytes())).ok).toBe(true);
    expect((await inspectUpload('surat.pdf', withCatalog('/OpenAction [3 0 R /Fit]'))).ok).toBe(true);
  });

  it('the form: the Malay message beside the attachments field, nothing written', async () => {
    const before = await counts();
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...validFields(), ic: '900101-14-7001', altcha: await solvedAltcha() })) form.append(k, v);
    form.append('attachments', new Blob([Buffer.from(active[0][1])], { type: 'application/pdf' }), 'surat.pdf');
    const encoded = new Request('http://localhost/api/v1/aduan', { method: 'POST', body: form });
    const body = new Uint8Array(await encoded.arrayBuffer());
    const res = await fileRoute(
      new Request('http://localhost/api/v1/aduan', {
        method: 'POST',
        body,
        headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length), 'x-forwarded-for': '10.225.5.1' },
      }),
      {},
    );
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.fieldErrors.attachments).toBe(ms.reliability.errors.pdf_active_content);
    expect(json.fieldErrorCodes.attachments).toBe('pdf_active_content');
    expect(await counts()).toEqual(before);
  });
});
