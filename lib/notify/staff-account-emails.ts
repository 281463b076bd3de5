import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { staffTokens, users } from '@/lib/db/schema';
import { appUrl, getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import type { EmailJob } from '@/lib/jobs/boss';
import { renderStaffPasswordLink } from '@/lib/mail/templates/staff-accounts';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { getAgencySettings } from '@/lib/settings/agency';
import { STAFF_LINK_TTL_MINUTES } from '@/lib/staff/accounts';

/**
 * A staff set-password link (an invitation or a reset), to the account's address. The job carries
 * the purpose the service decided and the sealed token; the token row says nothing else is needed.
 */
export async function buildStaffPasswordLinkEmail(db: Db, job: Extract<EmailJob, { kind: 'staff-password-link' }>): Promise<OutgoingEmail[]> {
  const [row] = await db
    .select({ name: users.name, email: users.email })
    .from(staffTokens)
    .innerJoin(users, eq(users.id, staffTokens.userId))
    .where(eq(staffTokens.id, job.tokenId));
  if (!row) return [];
  const token = decryptPii(job.sealedToken, piiKeys(getEnv().PII_KEY).enc);
  const a = await getAgencySettings(db);
  const minutes = STAFF_LINK_TTL_MINUTES[job.purpose];
  const r = await renderStaffPasswordLink({
    agency: { name: a.name, address: a.address, phone: a.phone, email: a.email, website: a.website },
    purpose: job.purpose,
    name: row.name,
    email: row.email,
    linkUrl: `${appUrl()}/konsol/kata-laluan/${token}`,
    expiresIn: job.purpose === 'invite' ? { hours: minutes / 60 } : { minutes },
  });
  return [{ to: row.email, ...r, idempotencyKey: `staff-password-link/${job.tokenId}` }];
}
