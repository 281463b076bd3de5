import { eq } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/lib/db';
import { notificationDeliveries } from '@/lib/db/schema';
import { getEnv, type Env } from '@/lib/env';
import { getAgencySettings } from '@/lib/settings/agency';

// WhatsApp Cloud API template messages. The phone number is personal data: it never goes into
// logs or error messages from here. The Cloud API has no idempotency header, so delivered keys
// are recorded in `notification_deliveries` and a retried job skips a key already recorded.

export type WhatsAppConfig = {
  token: string;
  phoneNumberId: string;
  apiUrl: string;
  template: string;
  lang: string;
  /** Request timeout; defaults to 15 s. */
  timeoutMs?: number;
};

export type WhatsAppMessage = {
  /** `+60123456789` */
  toE164: string;
  complaintNo: string;
  summary: string;
  link: string;
  /** Same key ⇒ one message, however often the job runs. */
  idempotencyKey: string;
};

export class WhatsAppError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WhatsAppError';
  }
}

/** The configuration, or null when WhatsApp is off (no token and phone number id). */
export function whatsAppConfig(env: Env = getEnv()): WhatsAppConfig | null {
  if (!env.WHATSAPP_TOKEN || !env.WHATSAPP_PHONE_NUMBER_ID) return null;
  return {
    token: env.WHATSAPP_TOKEN,
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
    apiUrl: env.WHATSAPP_API_URL,
    template: env.WHATSAPP_TEMPLATE,
    lang: env.WHATSAPP_TEMPLATE_LANG,
  };
}

/**
 * The configuration to send with now, or null when WhatsApp is off: no credentials in the
 * environment, or switched off by an admin in the agency settings. The template's name and
 * language come from the agency settings when an admin set them. Read from the database on each
 * call, so a change holds at once, without a restart.
 */
export async function activeWhatsAppConfig(db: Db | Tx = getDb(), env: Env = getEnv()): Promise<WhatsAppConfig | null> {
  const base = whatsAppConfig(env);
  if (!base) return null;
  const agency = await getAgencySettings(db);
  if (!agency.whatsappEnabled) return null;
  return { ...base, template: agency.whatsappTemplate ?? base.template, lang: agency.whatsappTemplateLang ?? base.lang };
}

// Graph answers throttling with HTTP 400 and one of these codes: wait and try again.
// 4 app rate limit, 80007 account rate limit, 130429 throughput, 131056 pair rate,
// 131000 "something went wrong", 131016 service unavailable.
const RETRYABLE_CODES = new Set([4, 80007, 130429, 131056, 131000, 131016]);

// Template parameters may not hold new lines, tabs or more than four spaces in a row.
const param = (text: string) => ({ type: 'text' as const, text: text.replace(/\s+/g, ' ').trim() });

/**
 * Sends one template message unless its key was already delivered. 429, 5xx, network errors and
 * timeouts throw a retryable WhatsAppError; other refusals throw a permanent one.
 */
export async function sendWhatsAppTemplate(
  cfg: WhatsAppConfig,
  msg: WhatsAppMessage,
  db: Db = getDb(),
): Promise<{ id: string | null; skipped: boolean }> {
  const [done] = await db
    .select({ providerId: notificationDeliveries.providerId })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.key, msg.idempotencyKey));
  if (done) return { id: done.providerId, skipped: true };

  const timeoutMs = cfg.timeoutMs ?? 15_000;
  let res: Response;
  try {
    res = await fetch(`${cfg.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(cfg.phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${cfg.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: msg.toE164,
        type: 'template',
        template: {
          name: cfg.template,
          language: { code: cfg.lang },
          components: [{ type: 'body', parameters: [param(msg.complaintNo), param(msg.summary), param(msg.link)] }],
        },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timedOut = e instanceof Error && e.name === 'TimeoutError';
    throw new WhatsAppError(timedOut ? `WhatsApp request timed out after ${timeoutMs} ms` : 'WhatsApp request failed', true);
  }

  const body = (await res.json().catch(() => null)) as {
    messages?: { id?: string }[];
    error?: { code?: number; type?: string; message?: string };
  } | null;
  if (!res.ok) {
    const code = body?.error?.code;
    const retryable = res.status === 429 || res.status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    // Graph's message may quote the number back; only the status and code are kept.
    throw new WhatsAppError(`WhatsApp error ${res.status}${code !== undefined ? ` (code ${code})` : ''}`, retryable, res.status);
  }

  const id = body?.messages?.[0]?.id ?? null;
  // Recorded after the send: if this insert fails the job retries and may send once more, which
  // is the better failure than never sending.
  await db
    .insert(notificationDeliveries)
    .values({ key: msg.idempotencyKey, channel: 'whatsapp', providerId: id })
    .onConflictDoNothing();
  return { id, skipped: false };
}
