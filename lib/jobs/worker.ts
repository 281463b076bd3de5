import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { getDb } from '@/lib/db';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { getEnv } from '@/lib/env';
import { log, safeErrorSummary } from '@/lib/log';
import { withLogContext } from '@/lib/log-context';
import { MailError, sendEmail } from '@/lib/mail/transport';
import { buildEmails } from '@/lib/notify/complaint-emails';
import { buildWhatsAppMessage } from '@/lib/notify/complaint-whatsapp';
import { activeWhatsAppConfig, sendWhatsAppTemplate, WhatsAppError } from '@/lib/notify/whatsapp';
import { runRetention } from '@/lib/privacy/retention';
import { runDailySummary, runServiceLevelTick } from '@/lib/sla/automation';
import { recomputeDueTimes } from '@/lib/sla/recompute';
import { fillStoredDurations } from '@/lib/reports/fill-durations';
import { sweepStrayObjects } from '@/lib/storage/sweep';
import { runMonthlyPack } from '@/lib/reports/monthly-pack';
import {
  maintenanceIntervalSeconds,
  QUEUE_EMAIL,
  QUEUE_PRIVACY_RETENTION,
  QUEUE_REPORT_MONTHLY_PACK,
  QUEUE_SLA_DAILY_SUMMARY,
  QUEUE_SLA_RECOMPUTE,
  QUEUE_SLA_TICK,
  QUEUE_STORAGE_SWEEP,
  QUEUE_WHATSAPP,
  OUTBOX_CHANNEL,
  type EmailJob,
  type SlaRecomputeJob,
  type SlaRunJob,
  type WhatsAppJob,
} from './boss';

// The outbox worker. It runs inside the web server process (instrumentation.ts) under `npm start`,
// or alone under `npm run start:worker` (scripts/start.ts). A thrown error
// makes pg-boss retry with backoff; the idempotency key makes a retry after a lost answer harmless.

async function deliverEmailJob(job: EmailJob): Promise<void> {
  const emails = await buildEmails(getDb(), job);
  if (emails.length === 0) log.warn({ kind: job.kind }, 'email job with nothing to send');
  // Several recipients: each send is idempotent, so a retry after a partial failure resends none.
  for (const email of emails) {
    try {
      await sendEmail(email);
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

/** One WhatsApp notice. Logs say what happened, never to which number. */
async function deliverWhatsAppJob(job: WhatsAppJob): Promise<void> {
  const cfg = await activeWhatsAppConfig(getDb());
  if (!cfg) {
    // Queued while WhatsApp was on, delivered after it was switched off (setting or credentials).
    log.warn({ kind: job.kind }, 'whatsapp job dropped: WhatsApp is off');
    return;
  }
  const built = await buildWhatsAppMessage(getDb(), job);
  if (!built.ok) {
    log.warn({ kind: job.kind, reason: built.reason }, 'whatsapp job with nothing to send');
    return;
  }
  try {
    const r = await sendWhatsAppTemplate(cfg, built.message);
    log.info({ kind: job.kind, skipped: r.skipped }, r.skipped ? 'whatsapp already sent' : 'whatsapp sent');
  } catch (e) {
    if (e instanceof WhatsAppError && !e.retryable) {
      log.error({ kind: job.kind, status: e.status, err: e.message }, 'whatsapp refused permanently');
      return;
    }
    throw e;
  }
}

const WORKERS_PER_QUEUE = 4;

// Polling (docs/OPERATIONS.md): an idle server used to ask the job tables about 22 times a second
// (every poller every 0.5 s). Jobs our code enqueues announce themselves on OUTBOX_CHANNEL when
// their transaction commits, and the listener below wakes that queue's pollers at once, so polling
// is only the fallback: for retries coming due (the first email and WhatsApp poller, every 2 s) and
// pg-boss's scheduled runs (every 30 s; a schedule fires once a minute at most and its work is not
// urgent to the second).
const POLL = { retry: 2, others: 30, sweep: 60 } as const;

/** The instant a scheduled run acts at: the job's `at` (tests drive the clock) or now. */
const runAt = (job: SlaRunJob) => (job.at ? new Date(job.at) : new Date());

/**
 * Works the service-level queues (lib/sla/automation.ts) on `boss`. Every instance of the app
 * does, and each run is safe alongside the others: notices are claimed once, closings lock rows.
 */
export async function workServiceLevelQueues(boss: PgBoss, pollingIntervalSeconds: number = POLL.others): Promise<string[]> {
  const ids: string[] = [];
  const poll = { pollingIntervalSeconds, batchSize: 1 };
  ids.push(await boss.work<SlaRunJob>(QUEUE_SLA_TICK, poll, async ([job]) => {
    const r = await runServiceLevelTick(getDb(), runAt(job.data));
    log.info({ ...r.escalated, reminded: r.reminded, ...r.closed }, 'service-level tick');
  }));
  ids.push(await boss.work<SlaRunJob>(QUEUE_SLA_DAILY_SUMMARY, poll, async ([job]) => {
    const sent = await runDailySummary(getDb(), runAt(job.data));
    log.info({ sent }, 'service-level daily summary');
  }));
  ids.push(await boss.work<SlaRunJob>(QUEUE_REPORT_MONTHLY_PACK, poll, async ([job]) => {
    const sent = await runMonthlyPack(getDb(), runAt(job.data));
    log.info({ sent }, 'monthly report pack');
  }));
  ids.push(await boss.work<SlaRecomputeJob>(QUEUE_SLA_RECOMPUTE, poll, async ([job]) => {
    const count = await recomputeDueTimes(getDb(), job.data.scope);
    log.info({ scope: job.data.scope, count }, 'due times recomputed');
    // A calendar change also changes the reports' stored working minutes: computed again here.
    const durations = await fillStoredDurations(getDb());
    log.info({ durations }, 'report working minutes stored');
  }));
  return ids;
}

/** Works the PDPA retention queue (lib/privacy/retention.ts): counts only in the log. */
export async function workPrivacyQueue(boss: PgBoss): Promise<void> {
  await boss.work<SlaRunJob>(QUEUE_PRIVACY_RETENTION, { pollingIntervalSeconds: POLL.others, batchSize: 1 }, async ([job]) => {
    const r = await runRetention(getDb(), runAt(job.data));
    log.info(r, 'privacy retention run');
  });
}

/**
 * For the worker role (a plain Node process): pg-boss 10 records a job's completion or failure
 * without awaiting it, so while PostgreSQL is down or restarting that promise rejects unhandled and
 * Node ends the process: the worker would not come back by itself. Such a rejection is only logged
 * (the job, still active, is retried after JOB_EXPIRE_SECONDS under the same idempotency key); any
 * other unhandled rejection still ends the process, as Node would. (Inside Next.js, `npm start`,
 * Next's own handler logs them and keeps serving.)
 */
export function surviveDatabaseOutages(): void {
  process.on('unhandledRejection', (reason) => {
    // node-postgres (pg-boss's driver) reports a dropped connection without a code.
    const dropped = reason instanceof Error && /^Connection terminated/.test(reason.message);
    if (isDatabaseUnavailable(reason) || dropped) {
      log.warn({ err: safeErrorSummary(reason) }, 'database unavailable: a job outcome was not recorded (retried after JOB_EXPIRE_SECONDS)');
      return;
    }
    log.fatal({ err: safeErrorSummary(reason) }, 'unhandled rejection');
    process.exit(1);
  });
}

export async function startWorker(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 3, maintenanceIntervalSeconds: maintenanceIntervalSeconds() });
  boss.on('error', (e) => log.error({ err: safeErrorSummary(e) }, 'pg-boss error'));
  await boss.start();
  const woken = new Map<string, string[]>();
  const add = (queue: string, id: string) => woken.set(queue, [...(woken.get(queue) ?? []), id]);
  // pg-boss 10 fails a whole batch when its handler throws, so each job is its own batch and
  // several pollers give concurrency. Only the first of each polls often (retries coming due).
  for (let i = 0; i < WORKERS_PER_QUEUE; i++) {
    const poll = { pollingIntervalSeconds: i === 0 ? POLL.retry : POLL.others, batchSize: 1 };
    add(QUEUE_EMAIL, await workDraining<EmailJob>(boss, QUEUE_EMAIL, poll, (job) => deliverEmailJob(job.data)));
    add(QUEUE_WHATSAPP, await workDraining<WhatsAppJob>(boss, QUEUE_WHATSAPP, poll, (job) => deliverWhatsAppJob(job.data)));
  }
  const [, , , recompute] = await workServiceLevelQueues(boss);
  add(QUEUE_SLA_RECOMPUTE, recompute);
  await workPrivacyQueue(boss);
  await boss.work(QUEUE_STORAGE_SWEEP, { pollingIntervalSeconds: POLL.sweep, batchSize: 1 }, async () => {
    const r = await sweepStrayObjects(getDb());
    log.info(r, 'stray objects swept');
  });
  await listenForJobs(boss, woken);
  return boss;
}

/**
 * A delivery poller that, having delivered a job, asks for the next at once: a backlog (a burst of
 * filings, the queue after an outage) drains at full concurrency, while an idle queue waits for its
 * interval or a wake. (pg-boss 10 waits the interval after every fetch, found or not: with the long
 * idle intervals a backlog went out at one email per two seconds.)
 */
async function workDraining<T extends object>(boss: PgBoss, queue: string, poll: { pollingIntervalSeconds: number; batchSize: number }, deliver: (job: PgBoss.Job<T>) => Promise<void>): Promise<string> {
  let self = '';
  self = await boss.work<T>(queue, poll, async ([job]) => {
    await withLogContext({ jobId: job.id }, () => deliver(job));
    boss.notifyWorker(self);
  });
  return self;
}

/**
 * Wakes a queue's pollers when a job for it commits (lib/jobs/boss.ts enqueue → pg_notify). One
 * connection of its own, closed when pg-boss stops. If it is lost, the polling fallback still
 * delivers, only later; postgres.js listens again when it reconnects.
 */
async function listenForJobs(boss: PgBoss, woken: Map<string, string[]>): Promise<void> {
  const sql = postgres(getEnv().DATABASE_URL, { max: 1, onnotice: () => {}, connection: { application_name: 'helpdesk-outbox-listener' } });
  boss.once('stopped', () => void sql.end({ timeout: 5 }));
  await sql.listen(OUTBOX_CHANNEL, (queue) => {
    for (const id of woken.get(queue) ?? []) boss.notifyWorker(id);
  });
}
