// GET /api/ready — 200 when this instance may take traffic: the database and storage answer and the
// database holds this code's newest migration; 503 otherwise (GET /api/health is liveness)
import { NextResponse } from 'next/server';
import { checkReady } from '@/lib/health';
import { noStore } from '@/lib/http/request';

export const dynamic = 'force-dynamic';

export async function GET() {
  const ready = await checkReady();
  return NextResponse.json(ready, { status: ready.ok ? 200 : 503, headers: noStore });
}
