import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { formatMyDateTime } from '@/lib/calendar/format';
import { eventText } from '@/lib/complaints/event-text';
import { StaleViewError } from '@/lib/complaints/officer-actions';
import type { Db } from '@/lib/db';
import { complaintEventColumns, complaintEvents } from '@/lib/db/schema';
import type { ActionResult } from '@/lib/http/errors';
import type { Locale } from '@/lib/i18n/config';
import { errorMessage } from '@/lib/i18n/errors';

// A public reply or status change refused because the officer's page is out of date
// (StaleViewError): the answer says what happened since, in the officer's language, and carries
// the id to resend with once they have read it ("Hantar juga").

export type HeldEvent = { id: number; author: string; at: string; summary: string | null; text: string | null };
export type HeldSend = { seenEventId: number; events: HeldEvent[] };
export type HeldResult = ActionResult & { held?: HeldSend };

/** Runs `send`; a StaleViewError becomes the held answer, anything else is thrown on. */
export async function holdIfStale(db: Db, locale: Locale, send: () => Promise<unknown>): Promise<HeldResult | void> {
  try {
    await send();
  } catch (e) {
    if (!(e instanceof StaleViewError)) throw e;
    const rows = await db.select(complaintEventColumns).from(complaintEvents).where(inArray(complaintEvents.id, e.eventIds)).orderBy(asc(complaintEvents.id));
    const events = rows.map((r) => ({ id: r.id, author: r.authorName, at: formatMyDateTime(r.createdAt), ...eventText(r, locale) }));
    return {
      ok: false,
      message: errorMessage(e.code, locale, e.params),
      held: { seenEventId: Math.max(...e.eventIds), events },
    };
  }
}

/** The newest public event a page shows: what its reply and status forms say they have seen. */
export function latestPublicEventId(events: { id: number; internal: boolean }[]): number {
  return events.reduce((max, e) => (!e.internal && e.id > max ? e.id : max), 0);
}
