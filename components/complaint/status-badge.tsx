import { getTranslations } from 'next-intl/server';
import type { ComplaintStatus } from '@/lib/db/schema';
import { StatusPill } from './status-pill';

/** A status in its colour, in the reader's language (server components). */
export async function StatusBadge({ status }: { status: ComplaintStatus }) {
  const t = await getTranslations('status');
  return <StatusPill status={status} label={t(status)} />;
}
