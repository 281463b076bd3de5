// GET /api/konsol/peti-mel/[file] — one message of the local mailbox, rendered (admins only)
import path from 'node:path';
import { withStaff } from '@/lib/auth/guard';
import { getEnv } from '@/lib/env';
import { readMailboxMessage } from '@/lib/mail/transport';

export const GET = withStaff<{ params: Promise<{ file: string }> }>('mailbox.view', async (_request, _session, { params }) => {
  const env = getEnv();
  const message = env.RESEND_API_KEY ? null : await readMailboxMessage(path.join(env.DATA_DIR, 'mail'), (await params).file);
  if (!message) return new Response('Tidak dijumpai', { status: 404 });
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
