import { createTranslator } from 'next-intl';
import { formatMyDateTime } from '@/lib/calendar/format';
import type { Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import type { AuditRow } from './audit-log';

// The one place an audit row becomes words, for the audit page and its CSV export alike: the
// action (`complaint.view` → "Membuka aduan"), who did it (an officer by name; a complainant or
// the system as such), and what it was done to (a complaint by number, linked; an officer by
// name). An action no message names yet is shown by its code rather than hidden.

const translators = {
  ms: createTranslator({ locale: 'ms', messages: ms, namespace: 'audit' }),
  en: createTranslator({ locale: 'en', messages: en as typeof ms, namespace: 'audit' }),
};

export type AuditText = {
  at: string;
  actor: string;
  action: string;
  target: { label: string; href?: string } | null;
  ip: string;
  detail: string;
};

/** Known actions, grouped, for the "what" filter: [group prefix, [action, label][]]. */
export function auditActionChoices(locale: Locale): { group: string; label: string; actions: { value: string; label: string }[] }[] {
  const t = translators[locale];
  return Object.entries(ms.audit.actions).map(([group, actions]) => ({
    group: `${group}.`,
    label: t(`groups.${group}` as never),
    actions: Object.keys(actions).map((a) => ({ value: `${group}.${a}`, label: t(`actions.${group}.${a}` as never) })),
  }));
}

export function auditActionText(action: string, locale: Locale): string {
  const t = translators[locale];
  const key = `actions.${action}`;
  return /^[a-z_]+\.[a-z_]+$/.test(action) && t.has(key as never) ? t(key as never) : action;
}

export function auditRowText(row: AuditRow, locale: Locale): AuditText {
  const t = translators[locale];
  return {
    at: formatMyDateTime(row.at),
    actor:
      row.actorType === 'staff'
        ? (row.actorName ?? t('actor.unknownStaff'))
        : t(row.actorType === 'complainant' ? 'actor.complainant' : 'actor.system'),
    action: auditActionText(row.action, locale),
    target: targetText(row, t),
    ip: row.ip ?? '',
    detail: row.detail && Object.keys(row.detail).length > 0 ? JSON.stringify(row.detail) : '',
  };
}

function targetText(row: AuditRow, t: (typeof translators)['ms']): AuditText['target'] {
  if (!row.targetId) return null;
  switch (row.targetType) {
    case 'complaint':
      return { label: t('target.complaint', { number: row.targetId }), href: `/konsol/aduan/${encodeURIComponent(row.targetId)}` };
    case 'user':
      return { label: t('target.user', { name: row.targetName ?? t('actor.unknownStaff') }), href: '/konsol/pegawai' };
    case 'canned':
      return { label: t('target.canned', { id: row.targetId }), href: '/konsol/jawapan' };
    case 'kb_article':
      return { label: t('target.kbArticle', { id: row.targetId }), href: `/konsol/soalan-lazim/${encodeURIComponent(row.targetId)}` };
    default:
      return { label: `${row.targetType ?? ''} ${row.targetId}`.trim() };
  }
}
