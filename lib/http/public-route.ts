import { unstable_rethrow } from 'next/navigation';
import { captchaField } from '@/lib/captcha';
import { AppError, InvalidInputError, RateLimitedError, type ErrorCode } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import type { RateLimitedRefusal } from '@/lib/ratelimit/public';
import type { IncomingFile } from '@/lib/uploads/store';
import { toErrorResponse } from './errors';
import { clientIp, requestLocale } from './request';

// The public JSON endpoints (filing, lookup, feedback) share everything but their service call:
// the visitor's language, a size-limited multipart body, the CAPTCHA token, the client address,
// and turning a refusal or an unexpected error into the one response shape (lib/http/errors.ts).

type PublicRequest = {
  request: Request;
  locale: Locale;
  fields: Record<string, string>;
  /** Only on routes that take attachments (`files: true`); otherwise always empty. */
  files: IncomingFile[];
  captchaToken: string | undefined;
  ip: string;
};

/** Wraps a public route handler: `handler` returns its success response, or throws (e.g. `refusal(result)`). */
export function publicRoute<C = unknown>(
  options: { maxBodyBytes: number; files?: boolean },
  handler: (input: PublicRequest, context: C) => Promise<Response>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    const locale = requestLocale(request);
    try {
      const body = await readMultipart(request, options.maxBodyBytes, options.files ?? false);
      // The "too large" message speaks of attachments, so only routes that take them use it.
      if (!body.ok) throw new AppError(body.status !== 400 && options.files ? 'too_large' : 'invalid', body.status);
      const { fields, files } = body;
      return await handler({ request, locale, fields, files, captchaToken: fields[captchaField()], ip: clientIp(request) }, context);
    } catch (e) {
      unstable_rethrow(e);
      return toErrorResponse(e, locale);
    }
  };
}

/** Refusals every public service may give; a route maps its other reasons itself (see `refusal`). */
type SharedRefusal =
  | { ok: false; reason: 'invalid'; fieldErrors: Record<string, string> }
  | RateLimitedRefusal
  | { ok: false; reason: 'storage_unavailable' };

type OwnReason<R extends { reason: string }> = Exclude<R['reason'], SharedRefusal['reason']>;

/**
 * A service's refusal as the error to answer with. A service with reasons of its own must map
 * every one of them to a code and status (checked by the compiler).
 */
export function refusal<R extends { ok: false; reason: string }>(
  result: R,
  ...own: [OwnReason<R>] extends [never] ? [] : [Record<OwnReason<R>, readonly [ErrorCode, number]>]
): AppError {
  const shared = result as unknown as SharedRefusal;
  switch (shared.reason) {
    case 'invalid':
      return new InvalidInputError(shared.fieldErrors);
    case 'rate_limited':
      return new RateLimitedError(shared.retryAfterSeconds, shared.helpdesk);
    case 'storage_unavailable':
      return new AppError('storage_unavailable', 503);
  }
  const [code, status] = (own[0] as Record<string, readonly [ErrorCode, number]>)[result.reason];
  return new AppError(code, status);
}

/** Reads a multipart body within a size limit: the text fields and, if wanted, the files sent as `attachments`. */
async function readMultipart(
  request: Request,
  maxBytes: number,
  withFiles: boolean,
): Promise<{ ok: true; fields: Record<string, string>; files: IncomingFile[] } | { ok: false; status: 400 | 411 | 413 }> {
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
  const files: IncomingFile[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (withFiles && key === 'attachments' && (value.size > 0 || value.name !== '')) {
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, fields, files };
}
