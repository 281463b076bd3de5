import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

export const validFields = () => ({
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
});

export async function pngBytes(width = 40, height = 30): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer(),
  );
}

export async function jpegWithExif(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 10, g: 100, b: 200 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-location-tag', Make: 'PhoneCam' } } })
      .toBuffer(),
  );
}

/** A minimal valid one-page PDF. */
export function pdfBytes(): Uint8Array {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return new TextEncoder().encode(body);
}
