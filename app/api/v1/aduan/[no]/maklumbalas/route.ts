// POST /api/v1/aduan/[no]/maklumbalas — the complainant's feedback and/or closing (multipart)
import { formatMyDateTime } from '@/lib/calendar/format';
import { submitFeedback } from '@/lib/complaints/feedback';
import { getDb } from '@/lib/db';
import { publicRoute, refusal } from '@/lib/http/public-route';
import { ok } from '@/lib/http/respond';
import { LIMITS } from '@/lib/validation/complaint';

const MAX_BODY_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

export const POST = publicRoute<{ params: Promise<{ no: string }> }>(
  { maxBodyBytes: MAX_BODY_BYTES, files: true },
  async ({ fields, files, captchaToken, ip }, { params }) => {
    const result = await submitFeedback(getDb(), { number: (await params).no, fields, files, captchaToken, ip });
    if (!result.ok) {
      // One answer for a wrong IC, a wrong name or an unknown number (the service does not tell them apart).
      throw refusal(result, { mismatch: ['mismatch', 403], locked: ['locked', 423], closed: ['closed', 409] });
    }
    return ok({
      closed: result.closed,
      reopened: result.reopened,
      // What happens next, for the form to say: the appeal's working days and its due time (Malaysia time).
      appeal: result.appeal ? { due: formatMyDateTime(result.appeal.dueAt), resolutionDays: result.appeal.resolutionDays } : null,
      noAppeal: result.noAppeal ?? null,
    });
  },
);
