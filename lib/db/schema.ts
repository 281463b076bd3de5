import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
  varchar,
  bigint,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

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

export const actorType = pgEnum('actor_type', ['complainant', 'staff', 'system']);
export const staffRole = pgEnum('staff_role', ['pegawai', 'penyelia', 'pentadbir']);

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: varchar('slug', { length: 64 }).notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
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
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: ts('expires').notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: ts('expires').notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

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
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('complaints_ic_hash_idx').on(t.icHash),
    index('complaints_ic_last4_idx').on(t.icLast4),
    index('complaints_status_created_idx').on(t.status, t.createdAt),
    index('complaints_assigned_idx').on(t.assignedTo, t.status),
    index('complaints_parent_idx').on(t.parentId),
  ],
);

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
    fromStatus: complaintStatus('from_status'),
    toStatus: complaintStatus('to_status'),
    authorType: actorType('author_type').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    internal: boolean('internal').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.createdAt)],
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

export type Complaint = typeof complaints.$inferSelect;
export type ComplaintEvent = typeof complaintEvents.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Ptj = typeof ptj.$inferSelect;
export type User = typeof users.$inferSelect;
export type ComplaintStatus = (typeof complaintStatus.enumValues)[number];

// Officers who look after a category: they are told of feedback on its unassigned complaints.
export const categoryOfficers = pgTable(
  'category_officers',
  {
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.userId] })],
);

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

export const complaintTags = pgTable(
  'complaint_tags',
  {
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.tagId] })],
);

// Canned responses with placeholders ({nama}, {no_aduan}, {tajuk}, {pegawai}).
export const cannedResponses = pgTable('canned_responses', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type Tag = typeof tags.$inferSelect;
export type CannedResponse = typeof cannedResponses.$inferSelect;

// Messages sent through channels without an idempotency header (WhatsApp): a key is recorded
// after a successful send, so a retried job does not send the same message twice.
export const notificationDeliveries = pgTable('notification_deliveries', {
  key: text('key').primaryKey(),
  channel: varchar('channel', { length: 16 }).notNull(),
  deliveredAt: ts('delivered_at').notNull().defaultNow(),
  providerId: text('provider_id'),
});
