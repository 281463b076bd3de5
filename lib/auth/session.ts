import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { auth } from './index';
import { staffSessionFor, type StaffSession } from './session-check';

export type { StaffSession };

/**
 * The signed-in officer, or null. The token alone is not trusted for long: every request re-reads
 * the account (one small query, lib/auth/session-check.ts), so deactivation, "sign out everywhere"
 * and "Log Keluar" (this session's id recorded as ended, checked in the same query) end sessions
 * at once and a role change applies on the next request. Cached per request (layout + page + action).
 */
export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const claims = (await auth())?.staff;
  if (!claims) return null;
  return staffSessionFor(getDb(), claims);
});
