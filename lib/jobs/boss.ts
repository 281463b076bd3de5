import PgBoss from 'pg-boss';
import type { Tx } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { transactionSql } from './transaction-sql';

// pg-boss is the outbox: a message is a job inserted in the same transaction as the event that
// causes it, so it exists exactly when the event does, and the worker delivers it with retries.
// Jobs carry ids and the facts the service decided, never personal data: the worker builds each
// message from stored rows plus those facts.

export const QUEUE_EMAIL = 'email';
export const QUEUE_WHATSAPP = 'whatsapp';
// Service-level automation (lib/sla/automation.ts): pg-boss schedules put one job a period in these
// queues; every run is safe with several workers (each notice and closing happens once).
export const QUEUE_SLA_TICK = 'sla-tick';
export const QUEUE_SLA_DAILY_SUMMARY = 'sla-daily-summary';
/** The monthly report pack (lib/reports/monthly-pack.ts): runs each morning, acts on the month's first working day. */
export const QUEUE_REPORT_MONTHLY_PACK = 'report-monthly-pack';
/** Due times computed again (lib/sla/recompute.ts) after the calendar, targets or settings change. */
export const QUEUE_SLA_RECOMPUTE = 'sla-recompute';
// Hourly: attachment objects no row names, older than an hour, are removed (lib/storage/sweep.ts).
export const QUEUE_STORAGE_SWEEP = 'storage-sweep';
export const STORAGE_SWEEP_CRON = '17 * * * *';

/** PDPA retention (lib/privacy/retention.ts): a daily run anonymising complaints closed long ago. */
export const QUEUE_PRIVACY_RETENTION = 'privacy-retention';
export const PRIVACY_RETENTION_CRON = '15 3 * * *';

/** A scheduled run; `at` (ISO) fixes the instant the run acts at (tests), else the current time. */
export type SlaRunJob = { at?: string };
export type SlaRecomputeJob = { scope: 'open' | 'missing' };

/** The schedules, in Malaysia time: the tick every 5 minutes, the supervisors' summary at 07:30. */
export const SLA_SCHEDULES = [
  { queue: QUEUE_SLA_TICK, cron: '*/5 * * * *', periodSeconds: 5 * 60 },
  { queue: QUEUE_SLA_DAILY_SUMMARY, cron: '30 7 * * *', periodSeconds: 60 * 60 },
  { queue: QUEUE_REPORT_MONTHLY_PACK, cron: '45 7 * * *', periodSeconds: 60 * 60 },
] as const;
export const SLA_SCHEDULE_TZ = 'Asia/Kuala_Lumpur';

/**
 * Schedules `queue` on `cron` (Malaysia time), at most one job per `periodSeconds` slot.
 * pg-boss dedupes its cron sends per 60-s slot of the database clock but decides a run is due by the
 * instance's clock plus a measured skew; when a check lands just after the minute by the instance
 * and just before it by the database, a second check 30 s later sends the same run again. The slot
 * here (pg-boss's singleton, on the job each send creates) makes that second send a no-op.
 */
async function scheduleOnce(boss: PgBoss, queue: string, cron: string, periodSeconds: number): Promise<void> {
  await boss.schedule(queue, cron, {}, { tz: SLA_SCHEDULE_TZ, singletonKey: queue, singletonSeconds: periodSeconds });
}

/**
 * A notice to the complainant about one event. Besides the event (whose own row holds the status
 * move), a reply carries the status the service left the complaint in: the builder never reads it
 * back from the complaint's current row, which may have moved on by delivery time.
 */
export type ComplaintNoticeJob =
  /** `satisfactionRound`: a reply that closed it asks for the verdict of that round (its signed link). */
  | { kind: 'officer-reply'; eventId: number; status: ComplaintStatus; satisfactionRound?: number }
  | { kind: 'status-changed'; eventId: number }
  /** `satisfactionRound`: the closing asks for the verdict of that round (lib/complaints/satisfaction.ts). */
  | { kind: 'complaint-closed'; eventId: number; satisfactionRound?: number }
  /** The reminder while a complaint waits for the complainant (its event carries the days). */
  | { kind: 'complaint-reminder'; eventId: number; closesAfterDays: number | null };

/** Which service-level notice an escalation email is (lib/sla/escalation.ts). */
export type SlaNoticeKind = 'nearly_late' | 'breached' | 'first_response_late';

/** Counts for the supervisors' daily summary, as the run computed them (lib/sla/summary.ts). */
export type DailySummaryCounts = { newYesterday: number; open: number; dueToday: number; overdue: number; closedYesterday: number };

export type EmailJob =
  | ComplaintNoticeJob
  | { kind: 'complaint-submitted'; complaintId: string }
  /** What the feedback service decided: whether this feedback closed or reopened the complaint. */
  | { kind: 'feedback-received'; eventId: number; closed: boolean; reopened: boolean }
  | { kind: 'complaint-assigned'; eventId: number; assigneeId: string }
  /** A new complaint the category's assignment mode gave to `assigneeId` (its `assignment` event). */
  | { kind: 'new-complaint-assigned'; complaintId: string; eventId: number; assigneeId: string }
  /**
   * A new complaint left for its category's officers to take: who is told was decided at filing
   * (manual mode, or nobody eligible for automatic assignment, then possibly the supervisors).
   */
  | { kind: 'new-complaint-for-category'; complaintId: string; officerIds: string[]; reason: 'manual' | 'nobody_eligible' }
  | { kind: 'lookup-link'; tokenId: string; sealedToken: string; complaintId: string; count: number }
  /** A staff set-password link (an invitation or a forgotten password); the token travels sealed. */
  | { kind: 'staff-password-link'; tokenId: string; purpose: 'invite' | 'reset'; sealedToken: string }
  /** Nearly late, breached or first response late: the due time it is about and who is told. */
  | { kind: 'sla-escalation'; notice: SlaNoticeKind; complaintId: string; dueAt: string; recipientIds: string[] }
  /** One supervisor's summary for one Malaysia day (`yyyy-MM-dd`). */
  | { kind: 'sla-daily-summary'; userId: string; day: string; counts: DailySummaryCounts }
  /** The previous month's report pack (`yyyy-MM`) for one supervisor (lib/reports/monthly-pack.ts). */
  | { kind: 'report-monthly-pack'; userId: string; month: string }
  /** An admin reset the officer's authenticator (lib/auth/totp.ts resetTotp): who, by whom, when (ISO). */
  | { kind: 'totp-reset'; userId: string; resetById: string; at: string }
  /** An appeal opened (its status move's event): the supervisors decided then, and the appeal's due time (ISO). */
  | { kind: 'appeal-opened-staff'; eventId: number; recipientIds: string[]; dueAt: string }
  /** The complainant told what happens next: the appeal's working days and due time (ISO). */
  | { kind: 'appeal-opened'; eventId: number; resolutionDays: number; dueAt: string };

/** A WhatsApp notice to a complainant who agreed to them; the event says what happened. */
export type WhatsAppJob = { kind: ComplaintNoticeJob['kind']; eventId: number };

/**
 * Delivery jobs: retried with backoff; one still active after JOB_EXPIRE_SECONDS (its worker was
 * killed mid-delivery) is failed by pg-boss's maintenance and retried, so none is lost.
 */
function retryPolicy(retryDelay: number = getEnv().JOB_RETRY_DELAY_SECONDS) {
  return { retryLimit: 10, retryDelay, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: getEnv().JOB_EXPIRE_SECONDS };
}

/** How often pg-boss's maintenance (which fails and retries expired jobs) runs: a quarter of the expiry, at most every 2 minutes. */
export function maintenanceIntervalSeconds(expireSeconds: number = getEnv().JOB_EXPIRE_SECONDS): number {
  return Math.max(1, Math.min(120, Math.floor(expireSeconds / 4)));
}

/**
 * Creates pg-boss's schema and our queues; run on start, before the web server takes requests.
 * `schedules: false` leaves the service-level schedules out (the integration tests drive those
 * runs with their own clock, and a real-time tick must not act on other test files' complaints).
 */
export async function prepareJobs(databaseUrl: string, retryDelaySeconds = 5, { schedules = true } = {}): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 1, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(QUEUE_EMAIL, { name: QUEUE_EMAIL, ...retryPolicy(retryDelaySeconds) });
  await boss.createQueue(QUEUE_WHATSAPP, { name: QUEUE_WHATSAPP, ...retryPolicy(retryDelaySeconds) });
  await prepareServiceLevelQueues(boss, schedules);
  await preparePrivacyQueue(boss, schedules);
  await boss.createQueue(QUEUE_STORAGE_SWEEP, { name: QUEUE_STORAGE_SWEEP, retryLimit: 1, expireInSeconds: 15 * 60 });
  if (schedules) await scheduleOnce(boss, QUEUE_STORAGE_SWEEP, STORAGE_SWEEP_CRON, 60 * 60);
  else await boss.unschedule(QUEUE_STORAGE_SWEEP);
  await boss.stop({ graceful: false, wait: true });
}

/**
 * The service-level queues, and their schedules (pg-boss's cron: each fires once a period across
 * every running instance). A failed run is retried twice; the next period runs anyway.
 */
async function prepareServiceLevelQueues(boss: PgBoss, schedules: boolean): Promise<void> {
  const runPolicy = { retryLimit: 2, retryDelay: 30, retryBackoff: false, expireInSeconds: 15 * 60 };
  for (const name of [QUEUE_SLA_TICK, QUEUE_SLA_DAILY_SUMMARY, QUEUE_REPORT_MONTHLY_PACK]) {
    await boss.createQueue(name, { name, ...runPolicy });
  }
  // 'stately': at most one recompute waiting (and one running). A change while one waits adds
  // nothing: the waiting job reads the calendar and targets when it runs.
  await boss.createQueue(QUEUE_SLA_RECOMPUTE, { name: QUEUE_SLA_RECOMPUTE, policy: 'stately', ...runPolicy });
  for (const { queue, cron, periodSeconds } of SLA_SCHEDULES) {
    if (schedules) await scheduleOnce(boss, queue, cron, periodSeconds);
    else await boss.unschedule(queue);
  }
}

/**
 * The retention run: once a day at 03:15 Malaysia time across every instance (pg-boss's cron);
 * 'stately' keeps at most one waiting and one running, and each complaint is anonymised under its
 * own row lock, so two runs at once do each complaint once.
 */
async function preparePrivacyQueue(boss: PgBoss, schedules: boolean): Promise<void> {
  await boss.createQueue(QUEUE_PRIVACY_RETENTION, {
    name: QUEUE_PRIVACY_RETENTION,
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: false,
    expireInSeconds: 60 * 60,
  });
  if (schedules) await scheduleOnce(boss, QUEUE_PRIVACY_RETENTION, PRIVACY_RETENTION_CRON, 60 * 60);
  else await boss.unschedule(QUEUE_PRIVACY_RETENTION);
}

// Only builds insert statements (never started), so it holds no connections of its own.
let sender: PgBoss | undefined;

/** Inserts an email job inside the caller's drizzle transaction, through pg-boss's `db` option. */
export async function enqueueEmail(tx: Tx, job: EmailJob): Promise<string | null> {
  return enqueue(tx, QUEUE_EMAIL, job);
}

/** Inserts a WhatsApp job inside the caller's transaction. Callers decide consent and configuration. */
export async function enqueueWhatsApp(tx: Tx, job: WhatsAppJob): Promise<string | null> {
  return enqueue(tx, QUEUE_WHATSAPP, job);
}

/**
 * Asks for due times to be computed again once the caller's transaction commits: of every open
 * complaint after the calendar, targets or the "hampir lewat" share changed (or of those without).
 */
export async function enqueueSlaRecompute(tx: Tx, scope: SlaRecomputeJob['scope'] = 'open'): Promise<string | null> {
  return enqueue(tx, QUEUE_SLA_RECOMPUTE, { scope } satisfies SlaRecomputeJob);
}

/**
 * The channel a committed job is announced on (lib/jobs/worker.ts listens): NOTIFY inside the
 * caller's transaction is delivered only when it commits, so the worker wakes for a job it can
 * see, at once, and otherwise polls seldom.
 */
export const OUTBOX_CHANNEL = 'helpdesk_outbox';

async function enqueue(tx: Tx, queue: string, job: object): Promise<string | null> {
  sender ??= new PgBoss({ connectionString: 'postgres://unused', supervise: false, schedule: false });
  const db = transactionSql(tx);
  const id = await sender.send(queue, job, { ...retryPolicy(), db });
  await db.executeSql('select pg_notify($1, $2)', [OUTBOX_CHANNEL, queue]);
  return id;
}
