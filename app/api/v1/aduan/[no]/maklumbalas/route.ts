// POST /api/v1/aduan/[no]/maklumbalas — the complainant's feedback and/or closing (multipart)
import { captchaField } from '@/lib/captcha';
import { submitFeedback } from '@/lib/complaints/feedback';
import { getDb } from '@/lib/db';
import { clientIp, requestLocale } from '@/lib/http/request';
import { fail, ok, rateLimited, readMultipart, serverError } from '@/lib/http/respond';
import { LIMITS } from '@/lib/validation/complaint';

const MAX_BODY_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ no: string }> }) {
  const locale = requestLocale(request);
  const { no } = await params;
  const body = await readMultipart(request, MAX_BODY_BYTES);
  if (!body.ok) return fail(locale, body.status, body.status === 400 ? 'invalid' : 'too_large');
  try {
    const result = await submitFeedback(getDb(), {
      number: no,
      fields: body.fields,
      files: body.files,
      captchaToken: body.fields[captchaField()],
      ip: clientIp(request),
    });
    if (result.ok) return ok({ closed: result.closed, reopened: result.reopened });
    switch (result.reason) {
      case 'invalid':
        return fail(locale, 422, 'invalid', { fieldErrors: result.fieldErrors });
      case 'rate_limited':
        return rateLimited(locale, result.retryAfterSeconds);
      // One message for a wrong IC or a wrong name: never say which.
      case 'mismatch':
        return fail(locale, 403, 'mismatch');
      case 'locked':
        return fail(locale, 423, 'locked');
      case 'closed':
        return fail(locale, 409, 'closed');
      case 'not_found':
        return fail(locale, 403, 'mismatch');
      case 'storage_unavailable':
        return fail(locale, 503, 'storage_unavailable');
    }
  } catch (e) {
    return serverError(locale, e);
  }
}
