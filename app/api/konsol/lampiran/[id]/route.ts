// GET /api/konsol/lampiran/[id] — any attachment (internal too), for signed-in staff
import { withStaff } from '@/lib/auth/guard';
import { attachmentHeaders, readAnyAttachment } from '@/lib/complaints/attachment-files';
import { getDb } from '@/lib/db';

export const GET = withStaff<{ params: Promise<{ id: string }> }>('queue.view', async (_request, _session, { params }) => {
  const file = await readAnyAttachment(getDb(), (await params).id);
  if (!file) return new Response('Tidak dijumpai', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return new Response(Buffer.from(file.body), { headers: attachmentHeaders(file) });
});
