// POST /api/v1/semakan — look up complaints by IC number or complaint number (CAPTCHA, rate limits)
import { cookies } from 'next/headers';
import { captchaField } from '@/lib/captcha';
import { GRANT_COOKIE, grantCookieOptions, readGrant, signGrant } from '@/lib/complaints/access';
import { lookupComplaints } from '@/lib/complaints/lookup';
import { getDb } from '@/lib/db';
import { clientIp, requestLocale } from '@/lib/http/request';
import { fail, ok, rateLimited, readMultipart, serverError } from '@/lib/http/respond';

export async function POST(request: Request) {
  const locale = requestLocale(request);
  const body = await readMultipart(request, 64 * 1024);
  if (!body.ok) return fail(locale, body.status, 'invalid');
  try {
    const result = await lookupComplaints(getDb(), {
      query: body.fields.q ?? '',
      captchaToken: body.fields[captchaField()],
      ip: clientIp(request),
    });
    if (!result.ok) {
      if (result.reason === 'rate_limited') return rateLimited(locale, result.retryAfterSeconds);
      return fail(locale, 422, 'invalid', { fieldErrors: result.fieldErrors });
    }
    if (result.mode === 'link_sent') return ok({ mode: 'link_sent' });
    // The lookup passed the CAPTCHA: grant this browser the complaints it found, for a short while.
    const jar = await cookies();
    const numbers = result.items.map((i) => i.number);
    if (numbers.length > 0) {
      jar.set(GRANT_COOKIE, signGrant([...numbers, ...readGrant(jar.get(GRANT_COOKIE)?.value)]), grantCookieOptions());
    }
    const redirect = result.by === 'number' && numbers.length === 1 ? `/aduan/${numbers[0]}` : undefined;
    return ok({ mode: 'list', redirect, items: result.items });
  } catch (e) {
    return serverError(locale, e);
  }
}
