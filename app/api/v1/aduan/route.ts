// POST /api/v1/aduan — file a complaint (multipart; the public form posts here too)
import { randomUUID } from 'node:crypto';
import { complaintLink } from '@/lib/complaints/access';
import { receiptEmailMasked } from '@/lib/complaints/receipt';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { publicRoute, refusal } from '@/lib/http/public-route';
import { ok } from '@/lib/http/respond';
import { LIMITS } from '@/lib/validation/complaint';

// Five 5 MB files plus the text fields and multipart overhead.
const MAX_BODY_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

export const POST = publicRoute({ maxBodyBytes: MAX_BODY_BYTES, files: true }, async ({ request, fields, files, captchaToken, ip }) => {
  // API clients may send their retry key as the Idempotency-Key header instead of a field.
  fields.submissionKey ??= request.headers.get('idempotency-key') ?? randomUUID();
  const result = await submitComplaint(getDb(), { fields, files, captchaToken, ip });
  if (!result.ok) throw refusal(result);
  const emailMasked = await receiptEmailMasked(getDb(), result.number);
  return ok({ number: result.number, url: complaintLink(result.number), emailMasked }, result.duplicate ? 200 : 201);
});
