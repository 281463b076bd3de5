// GET /semakan/pautan?token=… — the single-use link from a strict lookup's email
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { GRANT_COOKIE, grantCookieOptions, signGrant } from '@/lib/complaints/access';
import { redeemLookupToken } from '@/lib/complaints/lookup';
import { getDb } from '@/lib/db';
import { appUrl } from '@/lib/env';
import { clientIp } from '@/lib/http/request';

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const numbers = token.length >= 40 ? await redeemLookupToken(getDb(), token, clientIp(request)) : null;
  if (!numbers) return NextResponse.redirect(`${appUrl()}/semakan?pautan=tidak-sah`, { status: 303, headers: { 'Cache-Control': 'no-store' } });
  (await cookies()).set(GRANT_COOKIE, signGrant(numbers), grantCookieOptions());
  return NextResponse.redirect(`${appUrl()}/semakan`, { status: 303, headers: { 'Cache-Control': 'no-store' } });
}
