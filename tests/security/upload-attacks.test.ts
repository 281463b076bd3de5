import { crc32, deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { attachmentHeaders } from '@/lib/complaints/attachment-files';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { inspectUpload } from '@/lib/uploads/inspect';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';
import { dashedIc, ipSequence, newIc } from '../support/outbox';

// Threats: upload attacks. A file is recognised by its bytes, never by its name or declared type;
// only JPEG, PNG and PDF pass; images are decoded and re-encoded (what follows the image data is
// dropped); names are display text only (the storage key is the server's own). PDFs with active
// content are upload-pdf-active.test.ts's (not repeated here). And a pixel bomb: a small PNG that
// declares a huge bitmap is refused before it is decoded.

const ip = ipSequence('10.156.1');
const text = (s: string) => new TextEncoder().encode(s);
const svgWithScript = text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
const html = text('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** A minimal zip whose one entry inflates 1000× (a zip bomb's first layer). */
function zipBomb(): Uint8Array {
  const data = deflateSync(Buffer.alloc(4 * 1024 * 1024), { level: 9 });
  const name = Buffer.from('bomb.txt');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(4 * 1024 * 1024, 22);
  header.writeUInt16LE(name.length, 26);
  return new Uint8Array(Buffer.concat([header, name, data]));
}

/** A valid PNG of width × height (1-bit grey), every pixel black: a few KB on disk. */
function pixelBomb(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  // Every row: a filter byte and one bit a pixel, all zero (8 MB raw for 8000 × 8000, a few KB deflated).
  const idat = deflateSync(Buffer.alloc((Math.ceil(width / 8) + 1) * height), { level: 9 });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

describe('upload attacks: the bytes decide, never the name', () => {
  it('an SVG with a script (named .png) is refused', async () => {
    expect(await inspectUpload('gambar.png', svgWithScript)).toEqual({ ok: false, error: 'attachment_type' });
  });

  it('HTML named as a JPEG or a PDF (wrong extension for its content) is refused', async () => {
    expect(await inspectUpload('resit.jpg', html)).toEqual({ ok: false, error: 'attachment_type' });
    expect(await inspectUpload('surat.pdf', html)).toEqual({ ok: false, error: 'attachment_type' });
  });

  it('a zip bomb (or any archive) is refused without being opened', async () => {
    const zip = zipBomb();
    expect(zip.byteLength).toBeLessThan(10_000);
    expect(await inspectUpload('dokumen.pdf', zip)).toEqual({ ok: false, error: 'attachment_type' });
  });

  it('a PNG/HTML polyglot (script after the image data) is re-encoded: the script is gone', async () => {
    const polyglot = new Uint8Array(Buffer.concat([Buffer.from(await pngBytes()), Buffer.from('<script>alert(document.cookie)</script>')]));
    const r = await inspectUpload('gambar.png', polyglot);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.contentType).toBe('image/png');
    expect(Buffer.from(r.file.bytes).includes('<script')).toBe(false);
  });

  it('a PNG named .pdf, .exe or with a double extension gets the extension of its bytes', async () => {
    const png = await pngBytes();
    for (const [name, expected] of [
      ['surat.pdf', 'surat.png'],
      ['resit.jpg.exe', 'resit.jpg.png'],
      ['laporan.php.png', 'laporan.php.png'],
      ['skrip.html', 'skrip.png'],
    ] as const) {
      const r = await inspectUpload(name, png);
      expect(r.ok && r.file.fileName).toBe(expected);
    }
  });

  it('path traversal and control characters in a file name never reach the store or a header', async () => {
    const png = await pngBytes();
    const names = ['../../../etc/passwd.png', '..\\..\\windows\\win.ini.png', 'a\r\nContent-Type: text/html.png', '%2e%2e%2fsecret.png', '<img src=x onerror=alert(1)>.png'];
    const ic = newIc();
    const r = await submitComplaint(getDb(), {
      fields: { ...validFields(), ic: dashedIc(ic), email: `muat.naik.${ic}@example.gov.my` },
      files: names.map((name) => ({ name, bytes: png })),
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rows = await getDb()
      .select({ key: attachments.objectKey, name: attachments.fileName, type: attachments.contentType })
      .from(attachments)
      .innerJoin(complaints, eq(complaints.id, attachments.complaintId))
      .where(eq(complaints.number, r.number));
    expect(rows).toHaveLength(names.length);
    for (const row of rows) {
      expect(row.key).toMatch(/^aduan\/[^/]+\/[0-9a-f-]{36}\.png$/);
      expect(row.key).not.toContain('..');
      expect(row.name).not.toMatch(/[/\\\r\n<>]/);
      expect(row.name.endsWith('.png')).toBe(true);
      const headers = new Headers(attachmentHeaders({ fileName: row.name, contentType: row.type, body: new Uint8Array(1), inline: false } as never));
      expect(headers.get('content-disposition')).not.toMatch(/[\r\n]/);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toContain('sandbox');
    }
  });
});

describe('pixel bomb', () => {
  it('a small PNG declaring a huge bitmap (8000 × 8000) is refused before it is decoded, without exhausting memory', async () => {
    const bomb = pixelBomb(8000, 8000);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 8000, height: 8000, format: 'png' }); // a real PNG
    expect(bomb.byteLength).toBeLessThan(100_000); // 64 million pixels in a few KB
    const before = process.memoryUsage().rss;
    const r = await inspectUpload('bom.png', bomb);
    const grew = process.memoryUsage().rss - before;
    expect(r).toEqual({ ok: false, error: 'attachment_type' });
    expect(grew).toBeLessThan(48 * 1024 * 1024); // decoding it would take 64 MB and more
  });
});
