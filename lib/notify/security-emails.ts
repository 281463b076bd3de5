import { eq } from 'drizzle-orm';
import { formatMyDateTime } from '@/lib/calendar/format';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { appUrl } from '@/lib/env';
import type { EmailJob } from '@/lib/jobs/boss';
import { renderTotpReset } from '@/lib/mail/templates/security-notices';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { getAgencySettings } from '@/lib/settings/agency';

// Emails about an officer's own account security (lib/notify/complaint-emails.ts dispatches here).

/** "Your authenticator was reset": to the officer, whether or not the account is active (they should know). */
export async function buildTotpResetEmail(db: Db, job: Extract<EmailJob, { kind: 'totp-reset' }>): Promise<OutgoingEmail[]> {
  const [officer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, job.userId));
  if (!officer) return [];
  const [admin] = await db.select({ name: users.name }).from(users).where(eq(users.id, job.resetById));
  const a = await getAgencySettings(db);
  const r = await renderTotpReset({
    agency: { name: a.name, address: a.address, phone: a.phone, email: a.email, website: a.website },
    officerName: officer.name,
    resetBy: admin?.name ?? '—',
    resetAt: formatMyDateTime(new Date(job.at)),
    accountUrl: `${appUrl()}/konsol/akaun`,
  });
  return [{ to: officer.email, ...r, idempotencyKey: `totp-reset/${job.userId}/${job.at}` }];
}
