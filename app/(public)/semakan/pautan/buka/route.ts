// POST /semakan/pautan/buka — spends a strict lookup's single-use link (from the confirm page)
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { GRANT_COOKIE, grantCookieOptions, signGrant } from '@/lib/complaints/access';
import { redeemLookupToken } from '@/lib/complaints/lookup';
import { getDb } from '@/lib/db';
import { appUrl } from '@/lib/env';
import { clientIp } from '@/lib/http/request';

export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const token = String(form?.get('token') ?? '');
  const numbers = token.length >= 40 ? await redeemLookupToken(getDb(), token, clientIp(request)) : null;
  const headers = { 'Cache-Control': 'no-store' };
  if (!numbers) return NextResponse.redirect(`${appUrl()}/semakan?pautan=tidak-sah`, { status: 303, headers });
  (await cookies()).set(GRANT_COOKIE, signGrant(numbers), grantCookieOptions());
  return NextResponse.redirect(`${appUrl()}/semakan`, { status: 303, headers });
}
