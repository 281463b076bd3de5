import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { AppError, InvalidInputError, RateLimitedError, type ErrorCode } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage, isErrorCode } from '@/lib/i18n/errors';
import { log, safeErrorSummary } from '@/lib/log';
import { currentRequestId } from '@/lib/log-context';
import { noStore } from './request';

// The one mapper from whatever a route handler or a server action threw to what the person sees:
// zod → 422 with field errors; AppError → its status and its message in the person's language;
// anything else → 500 with a request id, logged without its message.

type ErrorReply = {
  status: number;
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
  fieldErrorCodes?: Record<string, string>;
  /** Only for unexpected errors: the person can quote it, support finds it in the log. */
  requestId?: string;
  retryAfterSeconds?: number;
};

function describeError(e: unknown, locale: Locale): ErrorReply {
  const known = e instanceof z.ZodError ? fromZod(e) : isDatabaseUnavailable(e) ? databaseUnavailable(e) : e;
  if (known instanceof AppError) {
    const reply: ErrorReply = { status: known.status, code: known.code, message: errorMessage(known.code, locale, known.params) };
    if (known instanceof InvalidInputError) {
      reply.fieldErrors = Object.fromEntries(Object.entries(known.fieldErrors).map(([field, code]) => [field, errorMessage(code, locale)]));
      reply.fieldErrorCodes = known.fieldErrors;
    }
    if (known instanceof RateLimitedError) reply.retryAfterSeconds = known.retryAfterSeconds;
    return reply;
  }
  // Never the message: a failed query's message carries its parameters (personal data).
  // The request's own id (what its log lines carry), so a reported id finds them all.
  const requestId = currentRequestId() ?? randomUUID();
  log.error({ requestId, err: safeErrorSummary(e) }, 'request failed');
  return { status: 500, code: 'server', message: errorMessage('server', locale), requestId };
}

/** The database is down or too slow: a 503 the person can act on (try again), logged without the query. */
function databaseUnavailable(e: unknown): AppError {
  log.warn({ err: safeErrorSummary(e) }, 'database unavailable');
  return new AppError('service_unavailable', 503);
}

/** The first issue per field; a zod message that is one of our error codes is kept, any other becomes generic. */
function fromZod(error: z.ZodError): InvalidInputError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    fields[String(issue.path[0] ?? 'form')] ??= isErrorCode(issue.message) ? issue.message : issue.code === 'too_big' ? 'too_long' : 'field_invalid';
  }
  return new InvalidInputError(fields);
}

/** For route handlers: `{ error: { code, message, requestId? }, fieldErrors?, fieldErrorCodes? }`, never cached. */
export function toErrorResponse(e: unknown, locale: Locale): NextResponse {
  const { status, code, message, fieldErrors, fieldErrorCodes, requestId, retryAfterSeconds } = describeError(e, locale);
  const body = { error: { code, message, ...(requestId && { requestId }) }, ...(fieldErrors && { fieldErrors, fieldErrorCodes }) };
  const headers: Record<string, string> = { ...noStore };
  if (retryAfterSeconds) headers['Retry-After'] = String(retryAfterSeconds);
  return NextResponse.json(body, { status, headers });
}

/** What a server action gives back to its form (the useActionState state). */
export type ActionResult =
  | { ok: true; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string>; requestId?: string };

/** For server actions: the same reply as a failed ActionResult. */
export function toActionResult(e: unknown, locale: Locale): ActionResult {
  const { message, fieldErrors, requestId } = describeError(e, locale);
  return { ok: false, message, ...(fieldErrors && { fieldErrors }), ...(requestId && { requestId }) };
}
