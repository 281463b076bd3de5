// POST /api/v1/aduan — file a complaint (multipart; the public form posts here too)
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { captchaField } from '@/lib/captcha';
import { complaintLink } from '@/lib/complaints/access';
import { submitComplaint, type IncomingFile } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { clientIp, noStore, requestLocale } from '@/lib/http/request';
import { errorMessage } from '@/lib/i18n/errors';
import { log } from '@/lib/log';
import { LIMITS } from '@/lib/validation/complaint';

// Five 5 MB files plus the text fields and multipart overhead.
const MAX_BODY_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

export async function POST(request: Request) {
  const locale = requestLocale(request);
  const fail = (status: number, code: string, extra: object = {}, headers: Record<string, string> = {}) =>
    NextResponse.json({ error: { code, message: errorMessage(code, locale, extra as Record<string, number>) }, ...extra }, {
      status,
      headers: { ...noStore, ...headers },
    });

  const length = Number(request.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length)) return fail(411, 'too_large');
  if (length > MAX_BODY_BYTES) return fail(413, 'too_large');

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fail(400, 'invalid');
  }

  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'attachments' && (value.size > 0 || value.name !== '')) {
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  // API clients may send their retry key as the Idempotency-Key header instead of a field.
  fields.submissionKey ??= request.headers.get('idempotency-key') ?? randomUUID();

  try {
    const result = await submitComplaint(getDb(), {
      fields,
      files,
      captchaToken: fields[captchaField()],
      ip: clientIp(request),
    });
    if (result.ok) {
      return NextResponse.json(
        { number: result.number, url: complaintLink(result.number) },
        { status: result.duplicate ? 200 : 201, headers: noStore },
      );
    }
    if (result.reason === 'invalid') {
      const fieldErrors = Object.fromEntries(
        Object.entries(result.fieldErrors).map(([field, code]) => [field, errorMessage(code, locale)]),
      );
      return fail(422, 'invalid', { fieldErrors, fieldErrorCodes: result.fieldErrors });
    }
    if (result.reason === 'rate_limited') {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      return NextResponse.json(
        { error: { code: 'rate_limited', message: errorMessage('rate_limited', locale, { minutes }) } },
        { status: 429, headers: { ...noStore, 'Retry-After': String(result.retryAfterSeconds) } },
      );
    }
    return fail(503, 'storage_unavailable');
  } catch (e) {
    const requestId = randomUUID();
    log.error({ requestId, err: e instanceof Error ? e.message : String(e) }, 'submission failed');
    return NextResponse.json(
      { error: { code: 'server', message: errorMessage('server', locale), requestId } },
      { status: 500, headers: noStore },
    );
  }
}
