// GET, POST /api/auth/* — Auth.js endpoints (session, CSRF token, credentials callback, sign-out)
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { toErrorResponse } from '@/lib/http/errors';
import { hasRepeatedKey } from '@/lib/http/params';
import { requestLocale } from '@/lib/http/request';
import { AppError } from '@/lib/errors';

// Auth.js reads one value per query key: a repeated one (`callbackUrl=a&callbackUrl=b`) makes it
// throw its "server configuration" error, a 500. Bad input, so a 400 before it gets there.
function oneValuePerKey(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest) =>
    hasRepeatedKey(request.nextUrl.searchParams) ? toErrorResponse(new AppError('invalid', 400), requestLocale(request)) : handler(request);
}

export const GET = oneValuePerKey(handlers.GET);
export const POST = oneValuePerKey(handlers.POST);
