import path from 'node:path';
import PgBoss from 'pg-boss';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { log, safeErrorSummary } from '@/lib/log';
import { MailError, sendEmail } from '@/lib/mail/transport';
import { buildEmails } from '@/lib/notify/complaint-emails';
import { QUEUE_EMAIL, type EmailJob } from './boss';

// The outbox worker. It runs inside the web server process (instrumentation.ts). A thrown error
// makes pg-boss retry with backoff; the idempotency key makes a retry after a lost answer harmless.

export async function deliverEmailJob(job: EmailJob): Promise<void> {
  const env = getEnv();
  const emails = await buildEmails(getDb(), job);
  if (emails.length === 0) log.warn({ kind: job.kind }, 'email job with nothing to send');
  // Several recipients: each send is idempotent, so a retry after a partial failure resends none.
  for (const email of emails) {
    try {
      await sendEmail(email, {
        from: env.MAIL_FROM,
        resendApiKey: env.RESEND_API_KEY,
        resendBaseUrl: env.RESEND_BASE_URL,
        mailboxDir: path.join(env.DATA_DIR, 'mail'),
      });
      log.info({ kind: job.kind }, 'email sent');
    } catch (e) {
      if (e instanceof MailError && !e.retryable) {
        // A permanent refusal (bad address, rejected content): retrying cannot help.
        log.error({ kind: job.kind, status: e.status, err: e.message }, 'email refused permanently');
        continue;
      }
      throw e;
    }
  }
}

export async function startWorker(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 3 });
  boss.on('error', (e) => log.error({ err: safeErrorSummary(e) }, 'pg-boss error'));
  await boss.start();
  await boss.work<EmailJob>(QUEUE_EMAIL, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await deliverEmailJob(job.data);
  });
  return boss;
}
