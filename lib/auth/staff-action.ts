import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { toActionResult, type ActionResult } from '@/lib/http/errors';
import { asForm } from '@/lib/http/params';
import type { Locale } from '@/lib/i18n/config';
import { actionMessage } from '@/lib/i18n/errors';
import { can, type Permission } from './permissions';
import type { StaffSession } from './session';

// How a staff server action runs, apart from how it reads the request (lib/auth/guard.ts gives
// Next.js's; tests give theirs, as there is no request outside Next.js).

/** Throws the AppError that answers a caller who may not run staff code. */
export function assertAllowed(
  session: StaffSession | null,
  permission: Permission,
  beforeTotpEnrolment = false,
  beforePasswordChange = false,
): asserts session is StaffSession {
  if (!session) throw new AppError('unauthenticated', 401);
  // Until a generated password is replaced, only the password change and signing out may run.
  if (session.mustChangePassword && !beforePasswordChange) throw new AppError('forbidden', 403);
  // Until a required authenticator is set up, only enrolment and signing out may run.
  if (session.mustEnrolTotp && !beforeTotpEnrolment) throw new AppError('totp_enrolment', 403);
  if (!can(session.role, permission)) throw new AppError('forbidden', 403);
}

type Revalidation<I> = { path: string | ((input: I) => string); type?: 'layout' | 'page' };

type StaffActionContext = { session: StaffSession; form: FormData; locale: Locale };

export type StaffActionOptions<I> = {
  /** Enrolment and signing out must run while a required authenticator is not set up yet. */
  beforeTotpEnrolment?: boolean;
  /** The password change and signing out must run while a generated password is not replaced yet. */
  beforePasswordChange?: boolean;
  /** Revalidated after the action succeeds (one path or several). */
  revalidate?: Revalidation<I> | Revalidation<I>[];
};

/** Who is calling and in which language they read the console. */
type StaffActionRequest = { session: () => Promise<StaffSession | null>; locale: () => Promise<Locale> };

/**
 * Builds `staffAction` on a way to read the request. The action has the signature useActionState
 * wants; it checks the session and permission, parses the form with `schema`, runs `fn` and answers
 * every refusal or error in the officer's language. `fn` returns its own result, or nothing for
 * "Disimpan.".
 */
export function staffActionWith(request: StaffActionRequest) {
  // R: an action may answer with more than ActionResult (e.g. a held reply carries what changed).
  return function staffAction<S extends z.ZodType, R extends ActionResult = ActionResult>(
    permission: Permission,
    schema: S,
    fn: (input: z.infer<S>, context: StaffActionContext) => Promise<R | void>,
    options: StaffActionOptions<z.infer<S>> = {},
  ) {
    return async (_previous: R | ActionResult | null, sent: FormData): Promise<R | ActionResult> => {
      const locale = await request.locale();
      // A hand-made call may send anything in the form's place: an empty form, refused by the schema in words.
      const form = asForm(sent);
      try {
        const session = await request.session();
        assertAllowed(session, permission, options.beforeTotpEnrolment, options.beforePasswordChange);
        const input = schema.parse(Object.fromEntries(form.entries()));
        const result = (await fn(input, { session, form, locale })) ?? { ok: true, message: actionMessage('saved', locale) };
        if (result.ok && options.revalidate) {
          for (const { path, type } of [options.revalidate].flat()) revalidatePath(typeof path === 'function' ? path(input) : path, type);
        }
        return result;
      } catch (e) {
        unstable_rethrow(e); // redirect() and notFound() are not errors to answer
        return toActionResult(e, locale);
      }
    };
  };
}
