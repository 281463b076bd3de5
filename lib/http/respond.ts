import { NextResponse } from 'next/server';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage } from '@/lib/i18n/errors';
import { noStore } from './request';

// Successful JSON answers, never cached. Failures go through toErrorResponse (lib/http/errors.ts).

export function ok(body: object, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { ...noStore, ...headers } });
}

/** A missing file (attachment, mailbox message): plain text, as the browser tab shows it. */
export function fileNotFound(locale: Locale) {
  return new Response(errorMessage('file_not_found', locale), { status: 404, headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A file that cannot be read while storage is down or too slow: 503, plain text, try again shortly. */
export function fileUnavailable(locale: Locale) {
  return new Response(errorMessage('file_unavailable', locale), {
    status: 503,
    headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' },
  });
}
