import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '@/lib/db';
import { attachments, complaintEvents } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { getObjectBytes } from '@/lib/storage';
import { isUuid } from '@/lib/http/params';

// Serving an attachment: the app reads the private bucket and answers with headers it chooses.
// The public route only ever sees attachments of public events.

export type ServedFile = { body: Uint8Array; contentType: string; fileName: string; inline: boolean };

export async function readPublicAttachment(db: Db, id: string, variant: 'full' | 'thumb'): Promise<ServedFile | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      objectKey: attachments.objectKey,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      internal: attachments.internal,
      eventInternal: complaintEvents.internal,
      eventType: complaintEvents.type,
    })
    .from(attachments)
    .innerJoin(complaintEvents, eq(complaintEvents.id, attachments.eventId))
    .where(and(eq(attachments.id, id)));
  if (!row || row.internal || row.eventInternal || row.eventType === 'internal_note') return null;
  const bytes = await readObject(row.objectKey);
  if (!bytes) return null;
  const image = row.contentType.startsWith('image/');
  if (variant === 'thumb') {
    if (!image) return null;
    const thumb = await sharp(bytes).resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true }).toBuffer();
    return { body: new Uint8Array(thumb), contentType: row.contentType, fileName: row.fileName, inline: true };
  }
  // Images open in the browser; PDFs download (a browser's PDF viewer cannot run sandboxed).
  return { body: bytes, contentType: row.contentType, fileName: row.fileName, inline: image };
}

/** Any attachment, internal ones included: for the console only (the route checks the role). */
export async function readAnyAttachment(db: Db, id: string): Promise<ServedFile | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ objectKey: attachments.objectKey, fileName: attachments.fileName, contentType: attachments.contentType })
    .from(attachments)
    .where(eq(attachments.id, id));
  if (!row) return null;
  const body = await readObject(row.objectKey);
  if (!body) return null;
  return { body, contentType: row.contentType, fileName: row.fileName, inline: row.contentType.startsWith('image/') };
}

/** Thrown while the store is down or too slow: the routes answer 503 (`fileUnavailable`), never 500. */
export class FileUnavailableError extends AppError {
  constructor(cause: unknown) {
    super('file_unavailable', 503, { cause });
    this.name = 'FileUnavailableError';
  }
}

async function readObject(key: string): Promise<Uint8Array | null> {
  try {
    return await getObjectBytes(key);
  } catch (e) {
    throw new FileUnavailableError(e);
  }
}

/** The headers every served attachment gets: our content type, a download name, no sniffing, sandboxed. */
export function attachmentHeaders(file: ServedFile): HeadersInit {
  const name = encodeURIComponent(file.fileName);
  return {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.byteLength),
    'Content-Disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${name}"; filename*=UTF-8''${name}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
