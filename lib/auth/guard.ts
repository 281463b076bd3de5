import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect, unstable_rethrow } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { toErrorResponse } from '@/lib/http/errors';
import { requestLocale } from '@/lib/http/request';
import { toLocale } from '@/lib/i18n/config';
import { can, type Permission } from './permissions';
import { getStaffSession, type StaffSession } from './session';
import { assertAllowed, staffActionWith } from './staff-action';

// The only ways into staff code. A page calls requireStaff; a server action is built with
// staffAction; a route handler is wrapped in withStaff. None can forget the role check.

/** For pages: anonymous → sign-in page; signed in without the permission → 403 page. */
export async function requireStaff(permission: Permission): Promise<StaffSession> {
  const session = await getStaffSession();
  if (!session) redirect('/konsol/log-masuk');
  // An officer who must set up TOTP, or replace a generated password, can reach only the account page until they have.
  if ((session.mustEnrolTotp || session.mustChangePassword) && (await headers()).get('x-pathname') !== '/konsol/akaun') redirect('/konsol/akaun');
  if (!can(session.role, permission)) forbidden();
  return session;
}

/** For server actions (see staffActionWith): the officer's session and console language from the request. */
export const staffAction = staffActionWith({ session: getStaffSession, locale: async () => toLocale(await getLocale()) });

/** For route handlers: 401 without a session, 403 without the permission; errors answered as JSON. */
export function withStaff<C>(permission: Permission, handler: (request: Request, session: StaffSession, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const locale = requestLocale(request);
    try {
      const session = await getStaffSession();
      assertAllowed(session, permission);
      return await handler(request, session, context);
    } catch (e) {
      unstable_rethrow(e);
      return toErrorResponse(e, locale);
    }
  };
}
