// GET /api/logo?v=<version> — the agency's logo (public: it is in the public header). The version
// is the start of the image's hash: the current version's URL is cached for a year, any other
// address for a minute (a page drawn before the logo changed asks again soon).
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/http/request';
import { fileNotFound } from '@/lib/http/respond';
import { log, safeErrorSummary } from '@/lib/log';
import { readLogo } from '@/lib/settings/logo';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  let file: Awaited<ReturnType<typeof readLogo>> = null;
  try {
    file = await readLogo(getDb());
  } catch (e) {
    log.warn({ err: safeErrorSummary(e) }, 'logo could not be read');
  }
  if (!file) return fileNotFound(requestLocale(request));
  const current = new URL(request.url).searchParams.get('v') === file.logo.sha256.slice(0, 16);
  return new Response(Buffer.from(file.body), {
    headers: {
      'Content-Type': file.logo.contentType,
      'Content-Length': String(file.body.byteLength),
      'Content-Disposition': `inline; filename="logo.${file.logo.contentType === 'image/png' ? 'png' : 'jpg'}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
      ETag: `"${file.logo.sha256}"`,
    },
  });
}
