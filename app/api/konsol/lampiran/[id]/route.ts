// GET /api/konsol/lampiran/[id] — any attachment (internal too), for signed-in staff
import { withStaff } from '@/lib/auth/guard';
import { attachmentHeaders, FileUnavailableError, readAnyAttachment, type ServedFile } from '@/lib/complaints/attachment-files';
import { getConsoleDb } from '@/lib/db';
import { requestLocale } from '@/lib/http/request';
import { fileNotFound, fileUnavailable } from '@/lib/http/respond';

export const GET = withStaff<{ params: Promise<{ id: string }> }>('queue.view', async (request, _session, { params }) => {
  let file: ServedFile | null;
  try {
    file = await readAnyAttachment(getConsoleDb(), (await params).id);
  } catch (e) {
    if (e instanceof FileUnavailableError) return fileUnavailable(requestLocale(request));
    throw e;
  }
  if (!file) return fileNotFound(requestLocale(request));
  return new Response(Buffer.from(file.body), { headers: attachmentHeaders(file) });
});
