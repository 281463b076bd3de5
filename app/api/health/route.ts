// GET /api/health — 200 when the database, storage and mail are usable, 503 otherwise; also says
// whether WhatsApp is configured (yes or no only)
import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/health';
import { noStore } from '@/lib/http/request';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: noStore });
}
