import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { clientIp } from '@/lib/http/request';
import { log, safeErrorSummary } from '@/lib/log';
import { authConfig, toSignInCode, type SignInCode } from './config';
import { verifyStaffCredentials } from './sign-in';

// The Node half of the NextAuth setup: staff sign in with email, password and (when enrolled) an
// authenticator code; sessions are JWTs (8 hours). Pages and actions never read the session from
// here directly: they use getStaffSession / requireStaff / staffAction (lib/auth/session.ts, guard.ts).

/** A failed sign-in; its `code` reaches the sign-in page (the server action catches it). */
export class StaffSignInError extends CredentialsSignin {
  constructor(code: SignInCode) {
    super();
    this.code = code;
  }
}

const credentialsInput = z.object({
  email: z.string().trim().min(1).max(254),
  // A cap so nobody makes the server hash megabytes.
  password: z.string().min(1).max(1024),
  totp: z.string().max(16).optional(),
});

function config(): NextAuthConfig {
  return {
    ...authConfig,
    // Read on first use, not at import: `next build` imports this module without the settings.
    secret: getEnv().AUTH_SECRET,
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' }, totp: { type: 'text' } },
        async authorize(raw, request) {
          const input = credentialsInput.safeParse(raw);
          if (!input.success) throw new StaffSignInError('invalid');
          const result = await verifyStaffCredentials(getDb(), { ...input.data, ip: clientIp(request) });
          if (!result.ok) throw new StaffSignInError(toSignInCode(result.reason));
          const { user } = result;
          return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion, mustEnrolTotp: result.mustEnrolTotp };
        },
      }),
    ],
    logger: {
      // A wrong password is an expected outcome (audited), not a server error.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        // A session cookie that does not decode (garbage, an old secret, a forged one) is a visitor
        // without a session, not a server fault: one info line, no error-level noise.
        if ((error as { type?: string }).type === 'JWTSessionError') return void log.info({ err: { type: 'JWTSessionError' } }, 'unreadable session cookie ignored');
        // A request Auth.js cannot serve (an unknown action in the path, a post without its CSRF
        // token) is the client's bad input, answered 400: not a server error either.
        const type = (error as { type?: string }).type;
        if (type === 'UnknownAction' || type === 'MissingCSRF') return void log.info({ err: { type } }, 'auth request refused');
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        log.error({ err: safeErrorSummary(error), cause: cause ? safeErrorSummary(cause) : undefined }, 'auth error');
      },
      warn(code) {
        log.warn({ code }, 'auth warning');
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
