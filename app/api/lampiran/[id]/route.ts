// GET /api/lampiran/[id]?v=full|thumb&e=…&s=… — a public attachment, through a short-lived signed URL
import { verifyAttachmentUrl } from '@/lib/complaints/access';
import { attachmentHeaders, FileUnavailableError, readPublicAttachment, type ServedFile } from '@/lib/complaints/attachment-files';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/http/request';
import { fileNotFound, fileUnavailable } from '@/lib/http/respond';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  const variant = url.searchParams.get('v') === 'thumb' ? 'thumb' : 'full';
  if (!verifyAttachmentUrl(id, variant, url.searchParams.get('e'), url.searchParams.get('s'))) return fileNotFound(requestLocale(request));
  let file: ServedFile | null;
  try {
    file = await readPublicAttachment(getDb(), id, variant);
  } catch (e) {
    if (e instanceof FileUnavailableError) return fileUnavailable(requestLocale(request));
    throw e;
  }
  if (!file) return fileNotFound(requestLocale(request));
  return new Response(Buffer.from(file.body), { headers: attachmentHeaders(file) });
}
