// GET /api/lampiran/[id]?v=full|thumb&e=…&s=… — an attachment, through a short-lived signed URL
import { verifyAttachmentUrl } from '@/lib/complaints/access';
import { readPublicAttachment } from '@/lib/complaints/attachment-files';
import { getDb } from '@/lib/db';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  const variant = url.searchParams.get('v') === 'thumb' ? 'thumb' : 'full';
  const notFound = () => new Response('Tidak dijumpai', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  if (!verifyAttachmentUrl(id, variant, url.searchParams.get('e'), url.searchParams.get('s'))) return notFound();
  const file = await readPublicAttachment(getDb(), id, variant);
  if (!file) return notFound();
  const name = encodeURIComponent(file.fileName);
  return new Response(Buffer.from(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.byteLength),
      'Content-Disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${name}"; filename*=UTF-8''${name}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
