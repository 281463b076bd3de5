import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '@/lib/db';
import { attachments, complaintEvents } from '@/lib/db/schema';
import { getObject } from '@/lib/storage';

// Serving an attachment: the app reads the private bucket and answers with headers it chooses.
// The public route only ever sees attachments of public events.

export type ServedFile = { body: Uint8Array; contentType: string; fileName: string; inline: boolean };

export async function readPublicAttachment(db: Db, id: string, variant: 'full' | 'thumb'): Promise<ServedFile | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
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
  const obj = await getObject(row.objectKey);
  const bytes = await obj.Body!.transformToByteArray();
  const image = row.contentType.startsWith('image/');
  if (variant === 'thumb') {
    if (!image) return null;
    const thumb = await sharp(bytes).resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true }).toBuffer();
    return { body: new Uint8Array(thumb), contentType: row.contentType, fileName: row.fileName, inline: true };
  }
  // Images open in the browser; PDFs download (a browser's PDF viewer cannot run sandboxed).
  return { body: bytes, contentType: row.contentType, fileName: row.fileName, inline: image };
}
