import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { agingDays } from '@/lib/calendar/aging';
import { formatMyDateTime } from '@/lib/calendar/format';
import { verifyCaptcha } from '@/lib/captcha';
import type { Db, Tx } from '@/lib/db';
import { categories, complaints, lookupTokens, type ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { maskMyKad } from '@/lib/identity/mask';
import { validateMyKad } from '@/lib/identity/mykad';
import { enqueueEmail } from '@/lib/jobs/boss';
import { isBlocked, penalise } from '@/lib/ratelimit';
import { limits, spend, type RateLimitedRefusal } from '@/lib/ratelimit/public';
import { getAgencySettings } from '@/lib/settings/agency';
import type { FieldErrors } from '@/lib/validation/complaint';
import { isComplaintNumber } from './number';
import { notBefore } from '@/lib/http/equal-time';

// Semakan Aduan: an IC number or a complaint number → the matching complaints. Guarded by the
// CAPTCHA, rate limits (lib/ratelimit/public.ts: every request towards the address's flood
// ceiling; once the CAPTCHA has passed, the address's lookup budget and the looked-up value's),
// an audit record for every lookup that passed them, and the same answer time whether or not
// anything matched. In strict mode (semakan selamat) the answer is always the same sentence and a
// single-use link goes to the email on file instead: one pending link per email at a time.
const MIN_ANSWER_MS = 400;
export const LOOKUP_LINK_TTL_MINUTES = 30;

export type LookupItem = {
  number: string;
  createdAt: Date;
  category: { ms: string; en: string };
  title: string;
  status: ComplaintStatus;
  agingDays: number;
};

/** A row of the lookup page's list as the browser draws it: the date already in Malaysia time. */
export type ListedComplaint = Omit<LookupItem, 'createdAt'> & { submitted: string };

export function listedComplaint({ createdAt, ...rest }: LookupItem): ListedComplaint {
  return { ...rest, submitted: formatMyDateTime(createdAt) };
}

export type LookupResult =
  | { ok: true; mode: 'list'; by: 'ic' | 'number'; items: LookupItem[] }
  | { ok: true; mode: 'link_sent' }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | RateLimitedRefusal;

function parseLookupQuery(raw: string): { by: 'number'; value: string } | { by: 'ic'; value: string } | null {
  const q = raw.trim().toUpperCase();
  if (isComplaintNumber(q)) return { by: 'number', value: q };
  const ic = validateMyKad(q);
  return ic.ok ? { by: 'ic', value: ic.value } : null;
}

export async function lookupComplaints(
  db: Db,
  input: { query: string; captchaToken?: string; ip: string },
): Promise<LookupResult> {
  const started = Date.now();
  const result = await lookup(db, input);
  // "Found" and "not found" take the same time, so timing tells nothing either.
  if (result.ok) await notBefore(started, MIN_ANSWER_MS);
  return result;
}

/** The lookup without its equal-time pad: exported only for the bench's floor (scripts/bench/floor.ts). */
export async function lookup(db: Db, input: { query: string; captchaToken?: string; ip: string }): Promise<LookupResult> {
  const flood = await spend(db, limits.requestsByAddress(input.ip));
  if (flood) return flood;

  const q = parseLookupQuery(input.query ?? '');
  const fieldErrors: FieldErrors = {};
  if (!q) fieldErrors.q = (input.query ?? '').trim() === '' ? 'required' : 'lookup_invalid';
  if (!input.captchaToken) fieldErrors.captcha = 'captcha_required';
  if (!q || Object.keys(fieldErrors).length > 0) return { ok: false, reason: 'invalid', fieldErrors };

  const captcha = await verifyCaptcha(db, input.captchaToken, input.ip);
  if (!captcha.ok) return { ok: false, reason: 'invalid', fieldErrors: { captcha: captcha.error } };

  const keys = piiKeys(getEnv().PII_KEY);
  const limited = await spend(db, limits.lookupByValue(hashPii(`${q.by}:${q.value}`, keys.mac)), limits.lookupByAddress(input.ip));
  if (limited) return limited;

  const rows = await summaries(db, q.by === 'number' ? eq(complaints.number, q.value) : eq(complaints.icHash, hashPii(q.value, keys.mac)));

  const agency = await getAgencySettings(db);
  await audit(db, {
    actorType: 'complainant',
    action: agency.strictLookup ? 'complaint.lookup_strict' : 'complaint.lookup',
    ip: input.ip,
    detail: { by: q.by, value: q.by === 'ic' ? maskMyKad(q.value) : q.value, matches: rows.length },
  });

  if (agency.strictLookup) {
    await sendLookupLinks(db, rows);
    return { ok: true, mode: 'link_sent' };
  }
  return { ok: true, mode: 'list', by: q.by, items: rows.map(toItem) };
}

/**
 * One single-use link per email address on file, opening only that address's complaints. No email
 * bombing: while an address has a link that is neither used nor expired, nothing new is sent to it
 * (the visitor sees the same sentence either way), and an address gets only so many links a day.
 */
async function sendLookupLinks(db: Db, rows: { id: string; number: string; email: string }[]): Promise<void> {
  const byEmail = new Map<string, { id: string; number: string }[]>();
  for (const r of rows) {
    const email = r.email.trim().toLowerCase();
    byEmail.set(email, [...(byEmail.get(email) ?? []), r]);
  }
  const keys = piiKeys(getEnv().PII_KEY);
  for (const [email, group] of byEmail) {
    const token = randomBytes(32).toString('base64url'); // 256 random bits
    await db.transaction(async (tx) => {
      // Two lookups at once for the same email must not both find "nothing pending".
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`lookup-link:${email}`}, 0))`);
      if (await hasPendingLink(tx, email)) return;
      if (await spend(db, limits.linksByEmail(hashPii(email, keys.mac)))) return;
      const [row] = await tx
        .insert(lookupTokens)
        .values({
          tokenHash: hashToken(token),
          complaintNumbers: group.map((g) => g.number),
          expiresAt: new Date(Date.now() + LOOKUP_LINK_TTL_MINUTES * 60_000),
        })
        .returning({ id: lookupTokens.id });
      // The raw token must reach the worker to be put in the email; it travels sealed.
      await enqueueEmail(tx, { kind: 'lookup-link', tokenId: row.id, sealedToken: encryptPii(token, keys.enc), complaintId: group[0].id, count: group.length });
    });
  }
}

/** True while a link that opens any complaint filed with this email is neither used nor expired. */
async function hasPendingLink(tx: Tx, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: lookupTokens.id })
    .from(lookupTokens)
    .where(
      and(
        isNull(lookupTokens.usedAt),
        gt(lookupTokens.expiresAt, sql`now()`),
        sql`exists (select 1 from ${complaints} where lower(${complaints.email}) = ${email}
              and ${complaints.number} in (select jsonb_array_elements_text(${lookupTokens.complaintNumbers})))`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Spends a lookup link: returns its complaint numbers once, then never again. Every attempt counts
 * towards the address's flood ceiling, and an address that keeps presenting bad links is refused
 * for a while, before anything is audited: the audit log records attempts, it cannot be flooded.
 */
export async function redeemLookupToken(db: Db, token: string, ip: string): Promise<string[] | null> {
  const badLinks = limits.badLinksByAddress(ip);
  if (await spend(db, limits.requestsByAddress(ip))) return null;
  if (await isBlocked(db, badLinks.name, badLinks.key, badLinks.points)) return null;
  const [row] = await db
    .update(lookupTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(lookupTokens.tokenHash, hashToken(token)), isNull(lookupTokens.usedAt), gt(lookupTokens.expiresAt, sql`now()`)))
    .returning({ numbers: lookupTokens.complaintNumbers });
  if (!row) await penalise(db, badLinks.name, badLinks.key, badLinks.points, badLinks.seconds);
  await audit(db, { actorType: 'complainant', action: row ? 'complaint.lookup_link_used' : 'complaint.lookup_link_refused', ip });
  return row?.numbers ?? null;
}

/** Summaries of the complaints a visitor already holds a grant for (the list on /semakan). */
export async function grantedComplaints(db: Db, numbers: string[]): Promise<LookupItem[]> {
  if (numbers.length === 0) return [];
  return (await summaries(db, inArray(complaints.number, numbers))).map(toItem);
}

/** The columns a lookup list shows (plus id and email, used only to send strict-mode links). */
function summaries(db: Db, where: SQL) {
  return db
    .select({
      id: complaints.id,
      number: complaints.number,
      email: complaints.email,
      createdAt: complaints.createdAt,
      closedAt: complaints.closedAt,
      categoryMs: categories.nameMs,
      categoryEn: categories.nameEn,
      title: complaints.title,
      status: complaints.status,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .where(where)
    .orderBy(desc(complaints.createdAt))
    .limit(50);
}

function toItem(r: Awaited<ReturnType<typeof summaries>>[number]): LookupItem {
  return {
    number: r.number,
    createdAt: r.createdAt,
    category: { ms: r.categoryMs, en: r.categoryEn },
    title: r.title,
    status: r.status,
    agingDays: agingDays(r.createdAt, r.closedAt),
  };
}
