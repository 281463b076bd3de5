import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { can, type Permission } from './permissions';
import { getStaffSession, type StaffSession } from './session';

// The only ways into staff code. A page calls requireStaff; a server action is built with
// staffAction; a route handler is wrapped in withStaff. None can forget the role check.

/** For pages: anonymous → sign-in page; signed in without the permission → 403 page. */
export async function requireStaff(permission: Permission): Promise<StaffSession> {
  const session = await getStaffSession();
  if (!session) redirect('/konsol/log-masuk');
  // An officer who must set up TOTP can reach only the account page until they have.
  if (session.mustEnrolTotp && (await headers()).get('x-pathname') !== '/konsol/akaun') redirect('/konsol/akaun');
  if (!can(session.role, permission)) forbidden();
  return session;
}

export type ActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** For server actions: parses the input, checks the session and permission, then runs `fn`. */
export function staffAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  fn: (input: z.infer<S>, session: StaffSession, form: FormData | null) => Promise<ActionResult<T>>,
  options: { beforeTotpEnrolment?: boolean } = {},
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const session = await getStaffSession();
    if (!session) return { ok: false, message: 'Sesi anda telah tamat. Sila log masuk semula.' };
    // Until a required authenticator is set up, only enrolment and signing out may run.
    if (session.mustEnrolTotp && !options.beforeTotpEnrolment) {
      return { ok: false, message: 'Sila aktifkan kod pengesahan (TOTP) di halaman Akaun dahulu.' };
    }
    if (!can(session.role, permission)) return { ok: false, message: 'Anda tidak mempunyai kebenaran untuk tindakan ini.' };
    const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? 'form')] ??= i.message;
      return { ok: false, message: 'Sila betulkan ralat pada borang.', fieldErrors };
    }
    return fn(parsed.data, session, raw instanceof FormData ? raw : null);
  };
}

/** For route handlers: 401 without a session, 403 without the permission. */
export function withStaff<C>(permission: Permission, handler: (request: Request, session: StaffSession, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const session = await getStaffSession();
    if (!session) return NextResponse.json({ error: { code: 'unauthenticated', message: 'Sila log masuk.' } }, { status: 401 });
    if (session.mustEnrolTotp) {
      return NextResponse.json({ error: { code: 'totp_enrolment', message: 'Sila aktifkan kod pengesahan dahulu.' } }, { status: 403 });
    }
    if (!can(session.role, permission)) {
      return NextResponse.json({ error: { code: 'forbidden', message: 'Tiada kebenaran.' } }, { status: 403 });
    }
    return handler(request, session, context);
  };
}
