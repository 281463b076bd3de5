// GET /api/konsol/peti-mel/[file] — one message of the local mailbox, rendered (admins only)
import { withStaff } from '@/lib/auth/guard';
import { requestLocale } from '@/lib/http/request';
import { fileNotFound } from '@/lib/http/respond';
import { readMailboxMessage } from '@/lib/mail/mailbox';
import { localMailboxDir } from '@/lib/mail/transport';

export const GET = withStaff<{ params: Promise<{ file: string }> }>('mailbox.view', async (request, _session, { params }) => {
  const dir = localMailboxDir();
  const message = dir ? await readMailboxMessage(dir, (await params).file) : null;
  if (!message) return fileNotFound(requestLocale(request));
  // The email's own HTML, shown in a sandbox: no scripts, no forms, nothing from elsewhere but images.
  return new Response(message.html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
});
