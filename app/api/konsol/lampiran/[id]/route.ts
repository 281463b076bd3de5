// GET /api/konsol/lampiran/[id] — any attachment (internal too), for signed-in staff
import { withStaff } from '@/lib/auth/guard';
import { attachmentHeaders, readAnyAttachment } from '@/lib/complaints/attachment-files';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/http/request';
import { fileNotFound } from '@/lib/http/respond';

export const GET = withStaff<{ params: Promise<{ id: string }> }>('queue.view', async (request, _session, { params }) => {
  const file = await readAnyAttachment(getDb(), (await params).id);
  if (!file) return fileNotFound(requestLocale(request));
  return new Response(Buffer.from(file.body), { headers: attachmentHeaders(file) });
});
