import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { LIMITS } from '@/lib/validation/complaint';
import { pdfHasActiveContent } from './pdf-active';

// Attachments are recognised by their bytes, never by their names; images are re-encoded, which
// drops EXIF (location, device) and anything smuggled after the image data.

const allowed = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
} as const;

export type CleanFile = {
  fileName: string;
  contentType: keyof typeof allowed;
  bytes: Uint8Array;
  sha256: string;
};

export type UploadError = 'attachment_size' | 'attachment_type' | 'attachment_empty' | 'pdf_active_content';

export async function inspectUpload(
  name: string,
  input: Uint8Array,
): Promise<{ ok: true; file: CleanFile } | { ok: false; error: UploadError }> {
  if (input.byteLength === 0) return { ok: false, error: 'attachment_empty' };
  if (input.byteLength > LIMITS.attachmentBytesMax) return { ok: false, error: 'attachment_size' };
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !(detected.mime in allowed)) return { ok: false, error: 'attachment_type' };
  const contentType = detected.mime as keyof typeof allowed;

  let bytes = input;
  // PDFs are kept as sent, so one with scripts, actions, embedded files or HTML is refused.
  if (contentType === 'application/pdf' && pdfHasActiveContent(input)) return { ok: false, error: 'pdf_active_content' };
  if (contentType !== 'application/pdf') {
    try {
      // A small file can decode to a huge bitmap: cap the pixels before decoding.
      const img = sharp(input, { failOn: 'error', limitInputPixels: 40_000_000 }).rotate();
      const out = contentType === 'image/png' ? img.png() : img.jpeg({ quality: 88, mozjpeg: true });
      bytes = new Uint8Array(await out.toBuffer());
      if (bytes.byteLength > LIMITS.attachmentBytesMax) return { ok: false, error: 'attachment_size' };
    } catch {
      return { ok: false, error: 'attachment_type' };
    }
  }
  return {
    ok: true,
    file: {
      fileName: safeFileName(name, allowed[contentType]),
      contentType,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  };
}

/** A display name only (storage keys are ours): no path, no control characters, our extension. */
function safeFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .trim()
    .slice(0, 100);
  return `${base || 'lampiran'}.${ext}`;
}
