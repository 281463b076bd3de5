// POST /api/konsol/aduan/[no]/kehadiran — the open complaint page's heartbeat: records that this
// officer has it open and answers who else does ({ others: string[] }).
import { NextResponse } from 'next/server';
import { withStaff } from '@/lib/auth/guard';
import { isComplaintNumber } from '@/lib/complaints/number';
import { heartbeat } from '@/lib/console/presence';
import { getConsoleDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { noStore } from '@/lib/http/request';

export const POST = withStaff<{ params: Promise<{ no: string }> }>('queue.view', async (_request, session, { params }) => {
  const { no } = await params;
  const seen = isComplaintNumber(no) ? await heartbeat(getConsoleDb(), { userId: session.userId, number: no }) : null;
  if (!seen) throw new AppError('not_found', 404);
  return NextResponse.json(seen, { headers: noStore });
});
