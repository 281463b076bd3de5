import type { NextAuthConfig } from 'next-auth';
import { z } from 'zod';
import type { StaffRole } from '@/lib/staff/users';

// The edge-safe half of the NextAuth setup: session shape, pages and callbacks, no database and
// no password hashing. lib/auth/index.ts adds the Credentials provider and the secret.

export const SESSION_MAX_AGE_SECONDS = 8 * 3600; // one working day
const SIGN_IN_PATH = '/konsol/log-masuk';

/** What the session token carries, set once at sign-in; getStaffSession re-checks it against the database. */
const staffClaimsSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: z.enum(['pegawai', 'penyelia', 'pentadbir']),
  sessionVersion: z.number().int(),
  mustEnrolTotp: z.boolean(),
  // This session's own id, random at sign-in: "Log Keluar" ends this one session on the server
  // (lib/auth/session-end.ts) without touching the officer's other devices.
  sid: z.string().uuid(),
});
export type StaffClaims = z.infer<typeof staffClaimsSchema>;

declare module 'next-auth' {
  interface User {
    role?: StaffRole;
    sessionVersion?: number;
    mustEnrolTotp?: boolean;
  }
  interface Session {
    staff?: StaffClaims;
  }
}

/**
 * The codes a failed sign-in reaches the sign-in page with (the `code` of a CredentialsSignin,
 * also put in the URL by Auth.js). 'inactive' is not among them: a deactivated account gets the
 * same answer as a wrong password.
 */
const SIGN_IN_CODES = ['invalid', 'locked', 'totp_required', 'totp_invalid'] as const;
export type SignInCode = (typeof SIGN_IN_CODES)[number];

export function toSignInCode(reason: string | null | undefined): SignInCode {
  return (SIGN_IN_CODES as readonly string[]).includes(reason ?? '') ? (reason as SignInCode) : 'invalid';
}

export const authConfig = {
  // Auth.js's own pages are English; every sign-in problem, and any other auth error, lands on ours.
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // `user` is only present at sign-in: copy the claims once; later calls keep the token as is.
      if (user) {
        const claims = staffClaimsSchema.parse({
          id: user.id,
          name: user.name,
          role: user.role,
          sessionVersion: user.sessionVersion,
          mustEnrolTotp: user.mustEnrolTotp ?? false,
          sid: crypto.randomUUID(), // Web Crypto: this file also runs on the edge
        });
        Object.assign(token, claims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = staffClaimsSchema.safeParse(token);
      session.staff = claims.success ? claims.data : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;
