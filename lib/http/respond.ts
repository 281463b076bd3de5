import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage } from '@/lib/i18n/errors';
import { log, safeErrorSummary } from '@/lib/log';
import { noStore } from './request';

// One response shape for the public JSON endpoints: `{ error: { code, message }, fieldErrors? }`,
// messages in the visitor's language, never a raw exception.

export function ok(body: object, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { ...noStore, ...headers } });
}

export function fail(locale: Locale, status: number, code: string, extra: { fieldErrors?: Record<string, string>; params?: Record<string, number> } = {}) {
  const body: Record<string, unknown> = { error: { code, message: errorMessage(code, locale, extra.params) } };
  if (extra.fieldErrors) {
    body.fieldErrors = Object.fromEntries(Object.entries(extra.fieldErrors).map(([f, c]) => [f, errorMessage(c, locale)]));
    body.fieldErrorCodes = extra.fieldErrors;
  }
  const headers: Record<string, string> = { ...noStore };
  if (status === 429 && extra.params?.seconds) headers['Retry-After'] = String(extra.params.seconds);
  return NextResponse.json(body, { status, headers });
}

export function rateLimited(locale: Locale, retryAfterSeconds: number) {
  return fail(locale, 429, 'rate_limited', { params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)), seconds: retryAfterSeconds } });
}

export function serverError(locale: Locale, e: unknown) {
  const requestId = randomUUID();
  log.error({ requestId, err: safeErrorSummary(e) }, 'request failed');
  return NextResponse.json(
    { error: { code: 'server', message: errorMessage('server', locale), requestId } },
    { status: 500, headers: noStore },
  );
}

/** Reads a multipart body within a size limit: text fields and the files sent as `attachments`. */
export async function readMultipart(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; fields: Record<string, string>; files: { name: string; bytes: Uint8Array }[] } | { ok: false; status: 400 | 411 | 413 }> {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length)) return { ok: false, status: 411 };
  if (length > maxBytes) return { ok: false, status: 413 };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, status: 400 };
  }
  const fields: Record<string, string> = {};
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'attachments' && (value.size > 0 || value.name !== '')) {
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, fields, files };
}

