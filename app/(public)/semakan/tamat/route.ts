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
  const origin = request.headers.get('origin');
  if (origin) return origin === new URL(appUrl()).origin;
  // Browsers send Origin on every form POST; without it, only a same-origin fetch metadata passes.
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
