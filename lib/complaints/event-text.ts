import { createTranslator } from 'next-intl';
import type { ComplaintEvent } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

// The one place a history event becomes words. The system stores facts (`data`, the status
// columns); the sentence is made here, in the reader's language, from the `events` and `status`
// message namespaces. Rows from before `data` existed have it null and keep their stored body.

export type RenderableEvent = Pick<ComplaintEvent, 'type' | 'data' | 'fromStatus' | 'toStatus' | 'body' | 'authorName'>;

export type EventText = {
  /** What happened, made from the event's facts; null when the event is only what a person wrote. */
  summary: string | null;
  /** What a person wrote; for a status move or a closing, its reason, labelled as one. */
  text: string | null;
};

const translators = {
  ms: createTranslator({ locale: 'ms', messages: ms }),
  en: createTranslator({ locale: 'en', messages: en as typeof ms }),
};

/** Types whose body is the reason for a status move. */
const MOVES = new Set<RenderableEvent['type']>(['status_change', 'reopened', 'closed']);

export function eventText(e: RenderableEvent, locale: Locale): EventText {
  const t = translators[locale];
  const reason = eventReason(e, locale);
  return {
    summary: summaryOf(e, t, locale),
    text: MOVES.has(e.type) ? (reason ? t('events.reason', { reason }) : null) : e.body,
  };
}

/**
 * The reason given for a status move or a closing, unlabelled: what the officer typed, or the
 * system's own reason (a duplicate closed by a merge, naming the complainant's own complaint that
 * carries on). Emails show it under their own label.
 */
export function eventReason(e: Pick<RenderableEvent, 'data' | 'body'>, locale: Locale): string | null {
  if (e.body?.trim()) return e.body;
  if (e.data?.kind === 'closed_as_duplicate') {
    const t = translators[locale];
    return e.data.target ? t('events.duplicateReasonNamed', { target: e.data.target }) : t('events.duplicateReason');
  }
  if (e.data?.kind === 'closed_automatically') {
    const t = translators[locale];
    const days = e.data.days;
    return e.data.reason === 'resolved' ? t('automation.events.reasonResolved', { days }) : t('automation.events.reasonUnanswered', { days });
  }
  return null;
}

function summaryOf(e: RenderableEvent, t: (typeof translators)['ms'], locale: Locale): string | null {
  const d = e.data;
  if (d) {
    switch (d.kind) {
      case 'assigned':
        // Given by the category's assignment mode at filing (lib/sla/routing.ts): say so, and how.
        if (d.routing) return t(`routing.eventAssigned.${d.routing}`, { name: d.assigneeName });
        return t('events.assigned', { name: d.assigneeName });
      case 'unassigned':
        return t('events.unassigned');
      case 'linked':
        return d.side === 'child' ? t('events.linkedChild', { parent: d.parent }) : t('events.linkedParent', { child: d.child });
      case 'unlinked':
        return d.side === 'child' ? t('events.unlinkedChild', { parent: d.parent }) : t('events.unlinkedParent', { child: d.child });
      case 'merged':
        return d.side === 'duplicate'
          ? t('events.mergedDuplicate', { target: d.target })
          : t('events.mergedTarget', { duplicate: d.duplicate });
      case 'priority_changed':
        return t('serviceClock.events.priorityChanged', {
          from: t(`serviceClock.priority.${d.from}`),
          to: t(`serviceClock.priority.${d.to}`),
        });
      case 'category_changed':
        return t('serviceClock.events.categoryChanged', { from: d.from[locale], to: d.to[locale] });
      case 'closed_as_duplicate':
        break; // a closing like any other; its reason comes from eventReason
      case 'reminder_sent':
        return t('automation.events.reminderSent', { days: d.days });
      case 'closed_automatically':
        return t('automation.events.closedAutomatically'); // its reason comes from eventReason
      case 'satisfaction_recorded':
        return t(d.satisfied ? 'satisfaction.events.satisfied' : 'satisfaction.events.notSatisfied', { rating: d.rating });
      case 'appeal_opened':
        return t('satisfaction.events.appealOpened', { days: d.resolutionDays });
    }
  }
  switch (e.type) {
    case 'submitted':
      return t('events.submitted');
    case 'status_change':
      return e.fromStatus && e.toStatus
        ? t('events.statusChanged', { from: t(`status.${e.fromStatus}`), to: t(`status.${e.toStatus}`) })
        : null;
    case 'reopened':
      return t('events.reopened');
    case 'closed':
      return t('events.closedBy', { name: e.authorName });
    default:
      return null;
  }
}
