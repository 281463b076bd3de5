// POST /api/v1/aduan — file a complaint (multipart; the public form posts here too)
import { randomUUID } from 'node:crypto';
import { captchaField } from '@/lib/captcha';
import { complaintLink } from '@/lib/complaints/access';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { clientIp, requestLocale } from '@/lib/http/request';
import { fail, ok, rateLimited, readMultipart, serverError } from '@/lib/http/respond';
import { LIMITS } from '@/lib/validation/complaint';

// Five 5 MB files plus the text fields and multipart overhead.
const MAX_BODY_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

export async function POST(request: Request) {
  const locale = requestLocale(request);
  const body = await readMultipart(request, MAX_BODY_BYTES);
  if (!body.ok) return fail(locale, body.status, body.status === 400 ? 'invalid' : 'too_large');
  const { fields, files } = body;
  // API clients may send their retry key as the Idempotency-Key header instead of a field.
  fields.submissionKey ??= request.headers.get('idempotency-key') ?? randomUUID();

  try {
    const result = await submitComplaint(getDb(), { fields, files, captchaToken: fields[captchaField()], ip: clientIp(request) });
    if (result.ok) return ok({ number: result.number, url: complaintLink(result.number) }, result.duplicate ? 200 : 201);
    if (result.reason === 'invalid') return fail(locale, 422, 'invalid', { fieldErrors: result.fieldErrors });
    if (result.reason === 'rate_limited') return rateLimited(locale, result.retryAfterSeconds);
    return fail(locale, 503, 'storage_unavailable');
  } catch (e) {
    return serverError(locale, e);
  }
}
