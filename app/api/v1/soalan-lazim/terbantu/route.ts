// POST /api/v1/soalan-lazim/terbantu — "Ini menyelesaikan masalah saya": a complaint avoided (once per article per browser)
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/db';
import { publicRoute, refusal } from '@/lib/http/public-route';
import { ok } from '@/lib/http/respond';
import { DEFLECTION_SOURCES, KB_COOKIE, kbCookieOptions, recordDeflection, type DeflectionSource } from '@/lib/kb/deflect';

export const POST = publicRoute({ maxBodyBytes: 4 * 1024 }, async ({ request, fields, ip }) => {
  const source = fields.source as DeflectionSource;
  if (!DEFLECTION_SOURCES.includes(source)) throw new AppError('invalid', 400);
  const cookie = request.headers.get('cookie')?.match(new RegExp(`(?:^|; )${KB_COOKIE}=([0-9.]*)`))?.[1];
  const result = await recordDeflection(getDb(), { slug: fields.slug ?? '', source, ip, cookie });
  // A retired or unknown article: 404 (the form and the page show their own words for any failure).
  if (!result.ok) throw refusal(result, { not_found: ['not_found', 404] });
  const o = kbCookieOptions();
  const setCookie = `${KB_COOKIE}=${result.cookie}; Path=${o.path}; Max-Age=${o.maxAge}; HttpOnly; SameSite=Lax${o.secure ? '; Secure' : ''}`;
  return ok({ counted: result.counted }, 200, { 'Set-Cookie': setCookie });
});
