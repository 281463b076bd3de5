// POST /semakan/tamat — ends the lookup session on this browser (the "end lookup session" button)
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { endedGrantCookie } from '@/lib/complaints/access';
import { appUrl } from '@/lib/env';

// A plain form POST (works without JavaScript). Only our own pages may send it: another site
// cannot end a visitor's session (the grant cookie is SameSite=Strict anyway; this refuses the
// request outright, so the answer never depends on what the browser does with cookies).
export async function POST(request: Request) {
  const headers = { 'Cache-Control': 'no-store' };
  if (!sameOrigin(request)) return new NextResponse(null, { status: 403, headers });
  (await cookies()).set(endedGrantCookie());
  return NextResponse.redirect(`${appUrl()}/semakan?sesi=tamat`, { status: 303, headers });
}

function sameOrigin(request: Request): boolean {
  // Fetch metadata first (every current browser sends it on a form POST); else the Origin header,
  // against our public address or the host the request was sent to (as Next.js checks actions).
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return origin === new URL(appUrl()).origin || new URL(origin).host === host;
  } catch {
    return false;
  }
}
