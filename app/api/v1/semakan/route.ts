// POST /api/v1/semakan — look up complaints by IC number or complaint number (CAPTCHA, rate limits)
// GET  /api/v1/semakan — the complaints this browser's last lookup found (the lookup page's list)
import { cookies } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { GRANT_COOKIE, endedGrantCookie, grantCookieOptions, readGrant, signGrant } from '@/lib/complaints/access';
import { grantedComplaints, listedComplaint, lookupComplaints } from '@/lib/complaints/lookup';
import { getDb } from '@/lib/db';
import { toErrorResponse } from '@/lib/http/errors';
import { publicRoute, refusal } from '@/lib/http/public-route';
import { requestLocale } from '@/lib/http/request';
import { ok } from '@/lib/http/respond';

export const POST = publicRoute({ maxBodyBytes: 64 * 1024 }, async ({ fields, captchaToken, ip }) => {
  // A new lookup ends the previous one on this browser, whatever its outcome (refused, nothing
  // found, strict mode): on a shared office PC the next person must never see earlier results.
  const jar = await cookies();
  jar.set(endedGrantCookie());
  const result = await lookupComplaints(getDb(), { query: fields.q ?? '', captchaToken, ip });
  if (!result.ok) throw refusal(result);
  if (result.mode === 'link_sent') return ok({ mode: 'link_sent' });
  // The lookup passed the CAPTCHA: grant this browser exactly the complaints it found, for a short while.
  const numbers = result.items.map((i) => i.number);
  if (numbers.length > 0) jar.set(GRANT_COOKIE, signGrant(numbers), grantCookieOptions());
  const redirect = result.by === 'number' && numbers.length === 1 ? `/aduan/${numbers[0]}` : undefined;
  return ok({ mode: 'list', redirect, items: result.items });
});

/**
 * The lookup page is prerendered (the same copy for everyone), so it asks for its list here: only
 * what the signed grant cookie names (each lookup replaces it; it ends by itself), never cached.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const granted = readGrant((await cookies()).get(GRANT_COOKIE)?.value);
    return ok({ items: (await grantedComplaints(getDb(), granted)).map(listedComplaint) });
  } catch (e) {
    unstable_rethrow(e);
    return toErrorResponse(e, requestLocale(request));
  }
}
