// GET /api/captcha — a fresh, signed ALTCHA challenge for the widget
import { NextResponse } from 'next/server';
import { newAltchaChallenge } from '@/lib/captcha';
import { noStore } from '@/lib/http/request';

export async function GET() {
  return NextResponse.json(await newAltchaChallenge(), { headers: noStore });
}
