import { getTableColumns, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uuid,
  uniqueIndex,
  varchar,
  bigint,
  date,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Rows of a many-to-many link go with either side. */
const cascade = { onDelete: 'cascade' } as const;

/** Postgres full-text vector, for the generated search columns. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const complaintStatus = pgEnum('complaint_status', [
  'baru',
  'dalam_tindakan',
  'menunggu_pengadu',
  'selesai',
  'ditutup',
]);

export const complaintEventType = pgEnum('complaint_event_type', [
  'submitted',
  'public_reply',
  'complainant_feedback',
  'internal_note',
  'status_change',
  'assignment',
  'closed',
  'reopened',
]);

// Service levels (lib/sla): how urgent a complaint is, and how a category hands out new ones.
export const complaintPriority = pgEnum('complaint_priority', ['rendah', 'biasa', 'tinggi', 'kritikal']);
export const assignmentMode = pgEnum('assignment_mode', ['manual', 'round_robin', 'least_open']);

export const actorType = pgEnum('actor_type', ['complainant', 'staff', 'system']);
export const staffRole = pgEnum('staff_role', ['pegawai', 'penyelia', 'pentadbir']);

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: varchar('slug', { length: 64 }).notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  // Routing (lib/sla/routing.ts): manual leaves new complaints for the category's officers to take.
  assignmentMode: assignmentMode('assignment_mode').notNull().default('manual'),
  // Round-robin's pointer: the officer who got the last complaint, read under the category's lock.
  lastAssignedUserId: uuid('last_assigned_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
});

export const ptj = pgTable('ptj', {
  id: serial('id').primaryKey(),
  code: varchar('code', { length: 32 }).notNull().unique(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
});

// Staff accounts. Column names follow @auth/drizzle-adapter's users table, plus our own fields.
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: ts('email_verified'),
  image: text('image'),
  passwordHash: text('password_hash'),
  role: staffRole('role').notNull().default('pegawai'),
  totpSecret: text('totp_secret'),
  totpRequired: boolean('totp_required').notNull().default(false),
  // The last accepted TOTP time step: a code is accepted once, never replayed within its window.
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  // Bumped by "sign out everywhere" and by password changes: older session tokens stop working.
  sessionVersion: integer('session_version').notNull().default(0),
  lastLoginAt: ts('last_login_at'),
  lockedUntil: ts('locked_until'),
  active: boolean('active').notNull().default(true),
  // The console's language for this officer ('ms' | 'en'), kept with the account so it follows
  // them from PC to PC and survives signing out.
  locale: varchar('locale', { length: 2 }).notNull().default('ms'),
  // Away (leave, course) until the end of this Malaysia day: routing skips them until then.
  awayUntil: date('away_until', { mode: 'string' }),
  // Set for the first admin when the seed generated their password: the console sends them to
  // the password form until they have chosen their own (lib/auth/guard.ts).
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: varchar('number', { length: 32 }).notNull().unique(),
    // Client-generated key that makes a double click or a retried request create one complaint.
    submissionKey: uuid('submission_key').notNull().unique(),
    status: complaintStatus('status').notNull().default('baru'),
    name: text('name').notNull(),
    icEncrypted: text('ic_encrypted').notNull(),
    icHash: varchar('ic_hash', { length: 64 }).notNull(),
    icLast4: varchar('ic_last4', { length: 4 }).notNull(),
    ptjId: integer('ptj_id').references(() => ptj.id),
    ptjOther: text('ptj_other'),
    phone: varchar('phone', { length: 16 }).notNull(),
    email: text('email').notNull(),
    whatsappConsent: boolean('whatsapp_consent').notNull().default(false),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    assignedTo: uuid('assigned_to').references(() => users.id),
    // One problem, many complaints: a child follows its parent's public replies and status changes.
    parentId: uuid('parent_id').references((): AnyPgColumn => complaints.id),
    // A true duplicate is closed with a pointer to the complaint that carries on.
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => complaints.id),
    // The service clock (lib/sla/clock.ts). Due times are stored so the queue can filter and sort
    // on them; they are set at filing and moved by priority and category changes and by pauses.
    priority: complaintPriority('priority').notNull().default('biasa'),
    firstResponseDueAt: ts('first_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    // When it counts as "hampir lewat" (a share of the resolution target, a setting).
    resolutionWarnAt: ts('resolution_warn_at'),
    // The first public reply: the first-response target is met (or missed) then.
    firstRespondedAt: ts('first_responded_at'),
    // Set while the clock is paused (waiting for the complainant, or resolved); working minutes
    // spent paused are added up, and the due times move by them on resuming.
    clockPausedAt: ts('clock_paused_at'),
    clockPausedMinutes: integer('clock_paused_minutes').notNull().default(0),
    // Reports (lib/reports/durations.ts): working minutes from filing to the first public reply,
    // and the service clock's working minutes at resolution, stored when they happen
    // (lib/reports/stored-durations.ts). Derived data: a trigger clears them whenever what they are
    // computed from changes without them, so they are missing or right, never stale; the reports
    // compute missing ones live.
    firstResponseMinutes: integer('first_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
    // Set when the retention job (lib/privacy/retention.ts) removed the complainant's personal data.
    anonymisedAt: ts('anonymised_at'),
    // The appeal (rayuan, lib/complaints/satisfaction.ts): when the complainant's "Tidak puas hati"
    // sent it back to the officers. One per complaint; its service clock restarts from here.
    appealOpenedAt: ts('appeal_opened_at'),
    // The console's full-text search (lib/console/queue): number and title weigh most.
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(number, '')), 'A') || setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(name, '')), 'B') || setweight(to_tsvector('simple', coalesce(description, '')), 'C')`,
    ),
  },
  (t) => [
    index('complaints_ic_hash_idx').on(t.icHash),
    // A search by the IC's last four digits is counted per status (lib/console/queue/query.ts):
    // with the status beside the digits each count reads its own rows, not a bitmap of one status.
    index('complaints_ic_last4_status_idx').on(t.icLast4, t.status),
    index('complaints_status_created_idx').on(t.status, t.createdAt),
    index('complaints_assigned_idx').on(t.assignedTo, t.status),
    index('complaints_parent_idx').on(t.parentId),
    // Keyset pages of the queue's default sorts read an index instead of sorting the table.
    index('complaints_created_id_idx').on(t.createdAt, t.id),
    index('complaints_updated_id_idx').on(t.updatedAt, t.id),
    index('complaints_resolution_due_idx').on(t.resolutionDueAt, t.id),
    // The open views (semua terbuka, aduan saya, belum diagih) and the clock views (lewat, hampir
    // lewat: only while the clock runs) read a page off these without wading through closed rows,
    // which are most of the table after a few years.
    index('complaints_open_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`status in ('baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai')`),
    index('complaints_running_due_idx')
      .on(t.resolutionDueAt, t.id)
      .where(sql`status in ('baru', 'dalam_tindakan')`),
    index('complaints_appeal_idx').on(t.appealOpenedAt),
    // Reports (lib/reports) count closings in a date range.
    // With what the closings' figures read, so they come from this index alone.
    index('complaints_closed_at_idx').on(t.closedAt, t.status, t.categoryId, t.ptjId, t.assignedTo, t.clockPausedAt, t.resolutionMinutes),
    // Reports (lib/reports): every figure of the report's complaints reads this index alone
    // (index-only scans on the filing time), never the wide rows with their text.
    index('complaints_report_idx').on(
      t.createdAt,
      t.categoryId,
      t.ptjId,
      t.assignedTo,
      t.status,
      t.firstRespondedAt,
      t.firstResponseDueAt,
      t.resolutionDueAt,
      t.closedAt,
      t.clockPausedAt,
      t.firstResponseMinutes,
      t.resolutionMinutes,
    ),
    // Reports: the complaints whose stored working minutes are missing (few or none once filled).
    index('complaints_durations_missing_idx')
      .on(t.createdAt)
      .where(sql`(first_responded_at is not null and first_response_minutes is null) or (((status = 'ditutup' and closed_at is not null) or (status = 'selesai' and clock_paused_at is not null)) and resolution_minutes is null)`),
    // Search indexes take rows straight in (fastupdate off), so searches never wade through a
    // pending list after bulk imports. Trigram indexes (pg_trgm) find partial and misspelt words.
    index('complaints_search_idx').using('gin', t.searchVector).with({ fastupdate: 'off' }),
    index('complaints_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('complaints_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/**
 * The facts of a history event the system wrote, stored in `complaint_events.data`. Screens render
 * the sentence from these in the reader's language (lib/complaints/event-text.ts); reports count
 * from these fields, never from sentences. `body` holds only what a person typed (a reply, a note,
 * feedback, a reason). Rows written before migration 0008 have `data` null and a Malay `body`.
 *
 * Which `kind` goes with which event `type`:
 * - `assignment`: `assigned` (the assignee; who assigned is the event's author) or `unassigned`.
 * - `internal_note`: `linked` / `unlinked` (child follows parent) and `merged` (a duplicate closed
 *   into a target), written on both complaints; `side` says which of the two this row belongs to.
 * - `closed`: `closed_as_duplicate`, the public closing of a merged duplicate. It is shown to the
 *   complainant, so it never names the target (another person's complaint); the internal `merged`
 *   event on the same complaint does.
 * Status moves need no data: `from_status` and `to_status` hold them.
 */
export type EventData =
  // `routing`: given by the category's assignment mode when it was filed (lib/sla/routing.ts), by the system.
  | { kind: 'assigned'; assigneeId: string; assigneeName: string; previousAssigneeId: string | null; routing?: 'round_robin' | 'least_open' }
  | { kind: 'unassigned'; previousAssigneeId: string }
  | { kind: 'linked'; side: 'child' | 'parent'; child: string; parent: string }
  | { kind: 'unlinked'; side: 'child' | 'parent'; child: string; parent: string }
  | { kind: 'merged'; side: 'duplicate' | 'target'; duplicate: string; target: string }
  // `target` names the complaint that carries on: a merge joins one complainant's own complaints
  // only, so their public closing may name it. Rows from before that rule have none.
  | { kind: 'closed_as_duplicate'; target?: string }
  // Service levels (lib/complaints/classification.ts): the due times moved with these. A category
  // change keeps both names as they were then (like an assignment keeps the assignee's name).
  | { kind: 'priority_changed'; from: ComplaintPriority; to: ComplaintPriority }
  | {
      kind: 'category_changed';
      fromId: number;
      toId: number;
      from: { ms: string; en: string };
      to: { ms: string; en: string };
    }
  // Service-level automation (lib/sla/automation.ts), written by the system. `reminder_sent` is a
  // public reply without a body: the complainant was reminded after `days` working days waiting.
  | { kind: 'reminder_sent'; days: number }
  // A closing by the schedule: `resolved` after `days` calendar days in selesai, `unanswered`
  // `days` working days after the reminder.
  | { kind: 'closed_automatically'; reason: 'resolved' | 'unanswered'; days: number }
  // Satisfaction (lib/complaints/satisfaction.ts), a complainant_feedback event by the complainant;
  // its body is their comment. `round` 2 is the verdict after an appeal.
  | { kind: 'satisfaction_recorded'; satisfied: boolean; rating: number; round: number; channel: SatisfactionChannel }
  // The appeal's status move (back to dalam_tindakan, by the complainant): from where, and the
  // working days its own service level gave it.
  | { kind: 'appeal_opened'; from: ComplaintStatus; resolutionDays: number };
export type EventKind = EventData['kind'];

// Append-only: rows are inserted, never updated or deleted (enforced by a trigger in the migration).
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    type: complaintEventType('type').notNull(),
    body: text('body'),
    data: jsonb('data').$type<EventData>(),
    fromStatus: complaintStatus('from_status'),
    toStatus: complaintStatus('to_status'),
    authorType: actorType('author_type').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    // Every reply and note is searched too (lib/console/queue).
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple', coalesce(body, ''))`),
  },
  (t) => [
    index('complaint_events_complaint_idx').on(t.complaintId, t.createdAt),
    // Reports count events of a type in a range (reopenings; officers' replies and closings).
    index('complaint_events_type_created_idx').on(t.type, t.createdAt, t.authorType, t.authorUserId, t.complaintId),
    index('complaint_events_search_idx').using('gin', t.searchVector).with({ fastupdate: 'off' }),
    // The console search takes the newest matching events first (lib/console/queue/search-plan.ts).
    index('complaint_events_created_idx').on(t.createdAt),
  ],
);

/**
 * The words of complaint titles (lexemes of `to_tsvector('simple', title)`), each once, with a
 * trigram index: the console finds a misspelt title word here ("baucer" → baucar) and then looks
 * the real words up in complaints' full-text index (lib/console/queue/search-plan.ts), instead of
 * rechecking every title that shares a few trigrams with the query. Kept by triggers on complaints
 * (statement-level on insert, so a bulk COPY costs one statement; row-level on a real title change,
 * which also drops the old title's words no title holds any more — anonymisation takes a name out
 * of a title; hand-written in the title_words migration). Titles only — never the name column.
 */
export const titleWords = pgTable('title_words', { word: text('word').primaryKey() }, (t) => [
  index('title_words_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops')),
]);

/**
 * How many complaints are in each status, kept exact by triggers on complaints (statement-level
 * on insert, delete and truncate, so a bulk COPY costs one upsert per status; row-level on a real
 * status move only; hand-written in the perf_queue migration) in the same transaction as the change. Each status has a few shards (the writing backend's pid modulo 8) so
 * concurrent filings do not queue on one row; the count is the sum of a status's shards. The
 * console's unfiltered counts read this instead of counting the table.
 */
export const complaintStatusCounts = pgTable(
  'complaint_status_counts',
  {
    status: complaintStatus('status').notNull(),
    shard: smallint('shard').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.shard] })],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    eventId: bigint('event_id', { mode: 'number' }).references(() => complaintEvents.id),
    objectKey: text('object_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    contentType: varchar('content_type', { length: 64 }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_complaint_idx').on(t.complaintId)],
);

export const settings = pgTable('settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorType: actorType('actor_type').notNull(),
    actorId: text('actor_id'),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: text('target_id'),
    ip: varchar('ip', { length: 64 }),
    detail: jsonb('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

// Store for rate-limiter-flexible's RateLimiterDrizzle.
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire'),
});

// Spent CAPTCHA solutions, so one solution cannot be replayed.
export const captchaSpent = pgTable('captcha_spent', {
  signature: varchar('signature', { length: 128 }).primaryKey(),
  expiresAt: ts('expires_at').notNull(),
});

/** A complaint row as services read it: every column but the search vector, which only search reads. */
const { searchVector: _complaintVector, ...complaintColumns } = getTableColumns(complaints);
export { complaintColumns };
const { searchVector: _eventVector, ...complaintEventColumns } = getTableColumns(complaintEvents);
export { complaintEventColumns };

export type Complaint = Omit<typeof complaints.$inferSelect, 'searchVector'>;
export type ComplaintEvent = Omit<typeof complaintEvents.$inferSelect, 'searchVector'>;
/** What every history view shows of an event; each view adds its type set and attachments. */
export type HistoryEventFields = Pick<ComplaintEvent, 'id' | 'authorType' | 'authorName' | 'body' | 'data' | 'fromStatus' | 'toStatus' | 'createdAt'>;
export type Category = typeof categories.$inferSelect;
export type User = typeof users.$inferSelect;
export type ComplaintStatus = (typeof complaintStatus.enumValues)[number];

// Officers who look after a category: they are told of feedback on its unassigned complaints.
export const categoryOfficers = pgTable('category_officers', {
  categoryId: integer('category_id').notNull().references(() => categories.id, cascade),
  userId: uuid('user_id').notNull().references(() => users.id, cascade),
}, (t) => [primaryKey({ columns: [t.categoryId, t.userId] })]);

// Strict lookup (semakan selamat): single-use links sent to the email on file; only a hash is kept.
export const lookupTokens = pgTable('lookup_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
  complaintNumbers: jsonb('complaint_numbers').$type<string[]>().notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const tags = pgTable('tags', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 64 }).notNull().unique(),
});

export const complaintTags = pgTable('complaint_tags', {
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id, cascade),
  tagId: integer('tag_id').notNull().references(() => tags.id, cascade),
}, (t) => [primaryKey({ columns: [t.complaintId, t.tagId] })]);

// Canned responses with placeholders ({nama}, {no_aduan}, {tajuk}, {pegawai}).
export const cannedResponses = pgTable('canned_responses', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type Tag = typeof tags.$inferSelect;

// Who has a complaint open in the console right now: one heartbeat row per officer and complaint,
// upserted every few seconds by the open page. In Postgres, so every app instance sees the same.
export const complaintPresence = pgTable('complaint_presence', {
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id, cascade),
  userId: uuid('user_id').notNull().references(() => users.id, cascade),
  seenAt: ts('seen_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.complaintId, t.userId] })]);

// Messages sent through channels without an idempotency header (WhatsApp): a key is recorded
// after a successful send, so a retried job does not send the same message twice.
export const notificationDeliveries = pgTable('notification_deliveries', {
  key: text('key').primaryKey(),
  channel: varchar('channel', { length: 16 }).notNull(),
  deliveredAt: ts('delivered_at').notNull().defaultNow(),
  providerId: text('provider_id'),
});

// Public holidays of the working calendar (lib/calendar/holidays.ts), kept by admins. Seeded ones
// name the source they came from and wait for an admin to confirm them.
export const holidays = pgTable('holidays', {
  id: serial('id').primaryKey(),
  day: date('day', { mode: 'string' }).notNull().unique(),
  name: text('name').notNull(),
  source: text('source'),
  confirmed: boolean('confirmed').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Service-level targets per category and priority, in working time. A missing row means the
// public-service charter's defaults (lib/sla/targets.ts).
export const categoryTargets = pgTable('category_targets', {
  categoryId: integer('category_id').notNull().references(() => categories.id, cascade),
  priority: complaintPriority('priority').notNull(),
  firstResponseHours: integer('first_response_hours').notNull(),
  resolutionDays: integer('resolution_days').notNull(),
}, (t) => [primaryKey({ columns: [t.categoryId, t.priority] })]);

// What the service-level jobs have already sent: one row per complaint, notice and due time, so a
// notice goes once per breach however many workers run the schedule (lib/sla/automation.ts).
export const slaNotices = pgTable('sla_notices', {
  complaintId: uuid('complaint_id').notNull().references(() => complaints.id, cascade),
  kind: varchar('kind', { length: 32 }).notNull(),
  dueAt: ts('due_at').notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.complaintId, t.kind, t.dueAt] })]);

// The daily summary to supervisors (lib/sla/summary.ts): one row per Malaysia day and supervisor,
// inserted with the email job, so the summary goes once a day however many workers run it.
export const slaDailySummaries = pgTable('sla_daily_summaries', {
  day: date('day', { mode: 'string' }).notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, cascade),
  sentAt: ts('sent_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.day, t.userId] })]);

export type Holiday = typeof holidays.$inferSelect;
export type ComplaintPriority = (typeof complaintPriority.enumValues)[number];
export type AssignmentMode = (typeof assignmentMode.enumValues)[number];

// Sessions ended by "Log Keluar" (lib/auth/session-end.ts): a session token carries a random id
// (`sid`) from sign-in, and getStaffSession refuses a token whose id is here, so a kept cookie is
// useless after signing out while the officer's other devices carry on. A row is needed only
// until the token would have expired anyway; expired rows are swept.
export const endedSessions = pgTable('ended_sessions', {
  sessionId: uuid('session_id').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('ended_sessions_expires_at_idx').on(t.expiresAt)]);

// One-time recovery codes for an officer's authenticator (lib/auth/recovery-codes.ts): shown once,
// only a keyed hash kept; each replaces one TOTP code at sign-in once.
export const totpRecoveryCodes = pgTable('totp_recovery_codes', {
  id: serial('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, cascade),
  codeHash: varchar('code_hash', { length: 64 }).notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('totp_recovery_codes_user_code_idx').on(t.userId, t.codeHash)]);
// Set-password links for staff (lib/staff/accounts.ts): an invitation (72 hours) or a forgotten
// password (30 minutes). Only the SHA-256 of the 256-bit token is stored; each is spent once.
export const staffTokenPurpose = pgEnum('staff_token_purpose', ['invite', 'reset']);
export const staffTokens = pgTable(
  'staff_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, cascade),
    purpose: staffTokenPurpose('purpose').notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('staff_tokens_user_idx').on(t.userId)],
);
export type StaffTokenPurpose = (typeof staffTokenPurpose.enumValues)[number];

// Knowledge base (lib/kb): *Soalan Lazim* articles written from resolved complaints. An article's
// text is kept in versions; officers draft, a supervisor publishes one version, whose text is then
// copied onto the article row so public search reads one table. Personal data is removed before a
// draft is saved (lib/kb/redact.ts); `redactions` records what kinds were removed and how many,
// never the values.
export const kbArticleStatus = pgEnum('kb_article_status', ['draft', 'published', 'retired']);
export type KbRedaction = { kind: 'name' | 'ic' | 'phone' | 'email' | 'complaint_number'; count: number };
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: serial('id').primaryKey(),
    slug: varchar('slug', { length: 96 }).notNull().unique(),
    status: kbArticleStatus('status').notNull().default('draft'),
    categoryId: integer('category_id').references(() => categories.id),
    // The resolved complaint it was written from; its number never appears in the text.
    sourceComplaintId: uuid('source_complaint_id').references(() => complaints.id),
    // The published version and its text (null until first published).
    publishedVersion: integer('published_version'),
    title: text('title'),
    problem: text('problem'),
    solution: text('solution'),
    keywords: text('keywords'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by').references(() => users.id),
    retiredAt: ts('retired_at'),
    retiredBy: uuid('retired_by').references(() => users.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(keywords, '')), 'A') || setweight(to_tsvector('simple', coalesce(problem, '')), 'B') || setweight(to_tsvector('simple', coalesce(solution, '')), 'C')`,
    ),
  },
  (t) => [
    index('kb_articles_status_idx').on(t.status, t.categoryId),
    index('kb_articles_source_idx').on(t.sourceComplaintId),
    index('kb_articles_search_idx').using('gin', t.searchVector),
    index('kb_articles_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: serial('id').primaryKey(),
    articleId: integer('article_id').notNull().references(() => kbArticles.id, cascade),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    solution: text('solution').notNull(),
    keywords: text('keywords').notNull().default(''),
    categoryId: integer('category_id').references(() => categories.id),
    redactions: jsonb('redactions').$type<KbRedaction[]>().notNull().default([]),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('kb_article_versions_article_version_idx').on(t.articleId, t.version)],
);

// "Ini menyelesaikan masalah saya": a complaint avoided, counted per article (reports read these).
export const kbDeflections = pgTable(
  'kb_deflections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: integer('article_id').notNull().references(() => kbArticles.id, cascade),
    // Where the person was: the complaint form's suggestions or the public Soalan Lazim page.
    source: varchar('source', { length: 16 }).notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('kb_deflections_article_at_idx').on(t.articleId, t.at), index('kb_deflections_at_idx').on(t.at)],
);

export type KbArticle = Omit<typeof kbArticles.$inferSelect, 'searchVector'>;
export type KbArticleVersion = typeof kbArticleVersions.$inferSelect;
export type KbArticleStatus = (typeof kbArticleStatus.enumValues)[number];

// Satisfaction (lib/complaints/satisfaction.ts): the complainant's verdict, once per complaint and
// round (1 = its first closing or resolution, 2 = after its one appeal), from the closing form or
// the signed link in the closing email.
export type SatisfactionChannel = 'form' | 'email';
export const complaintSatisfaction = pgTable(
  'complaint_satisfaction',
  {
    id: serial('id').primaryKey(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id),
    round: smallint('round').notNull().default(1),
    satisfied: boolean('satisfied').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    channel: varchar('channel', { length: 8 }).$type<SatisfactionChannel>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('complaint_satisfaction_round_idx').on(t.complaintId, t.round), index('complaint_satisfaction_created_idx').on(t.createdAt)],
);
export type ComplaintSatisfaction = typeof complaintSatisfaction.$inferSelect;
// Reports (lib/reports): the monthly pack to supervisors goes once per month and supervisor: a row
// per (month `yyyy-MM`, supervisor) inserted with its email job, however many workers run the schedule.
export const reportMonthlyPacks = pgTable('report_monthly_packs', {
  month: varchar('month', { length: 7 }).notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, cascade),
  sentAt: ts('sent_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.month, t.userId] })]);

// Figures computed once and kept for a while (the public /statistik page: aggregates only, no
// complaint's status or personal data), keyed by what they are; `computed_at` says how fresh.
export const reportCache = pgTable('report_cache', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: jsonb('value').notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
});
