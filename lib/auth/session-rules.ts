// Pure rules shared by sign-in (lib/auth/sign-in.ts), TOTP enrolment (lib/auth/totp.ts) and every
// request's session check (lib/auth/session.ts); kept free of I/O so they are unit-tested on their own.

/** What a session token says about its holder (set once, at sign-in). */
export type SessionClaims = { id: string; sessionVersion: number };

/** The account as it is now, in the database. */
export type AccountState = { id: string; active: boolean; sessionVersion: number; sessionEnded?: boolean };

/**
 * A token is honoured only while its account still exists, is active and has not been signed out
 * everywhere since (which bumps the account's sessionVersion), and this very session was not
 * signed out ("Log Keluar" records its id: `sessionEnded`). A role change does not end the
 * session: the caller uses the role from the database, so it takes effect on the next request.
 */
export function isSessionCurrent(token: SessionClaims, user: AccountState | null | undefined): boolean {
  return !!user && user.id === token.id && user.active && user.sessionVersion === token.sessionVersion && !user.sessionEnded;
}

/** An officer must enrol an authenticator when the agency or their account requires one and they have none. */
export function mustEnrolTotp(user: { totpSecret: string | null; totpRequired: boolean }, agencyRequiresTotp: boolean): boolean {
  return !user.totpSecret && (user.totpRequired || agencyRequiresTotp);
}
