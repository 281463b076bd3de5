import Link from 'next/link';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/complaint/status-badge';
import { ActionForm } from '@/components/konsol/action-form';
import { Composer } from '@/components/konsol/composer';
import { MergeConfirm } from '@/components/konsol/merge-confirm';
import { Timeline } from '@/components/konsol/timeline';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { listCannedResponses } from '@/lib/console/canned';
import { placeholderValues } from '@/lib/console/placeholders';
import { getConsoleComplaint } from '@/lib/console/complaint-detail';
import { latestPublicEventId } from '@/lib/console/held-send';
import { PRESENCE_POLL_SECONDS } from '@/lib/console/presence';
import { Presence } from '@/components/konsol/presence';
import { ServiceLevelPanel } from '@/components/konsol/service-level-panel';
import { SimilarPanel, SimilarPanelLoading } from '@/components/konsol/similar-panel';
import { KbWriteArticle } from '@/components/konsol/kb-write-article';
import { categoryChoices } from '@/lib/complaints/classification';
import { mergePreview } from '@/lib/complaints/links';
import { capabilities, isOpen } from '@/lib/complaints/status';
import { isComplaintNumber } from '@/lib/complaints/number';
import { getConsoleDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { currentIp } from '@/lib/http/action-context';
import { listActiveStaff } from '@/lib/staff/users';
import { formatMyDateTime } from '@/lib/calendar/format';
import { assignAction, categoryAction, linkAction, priorityAction, statusAction, tagsAction, takeAction } from './actions';

export default async function ConsoleComplaintPage({
  params,
  searchParams,
}: {
  params: Promise<{ no: string }>;
  searchParams: Promise<{ gabung?: string | string[] }>;
}) {
  const session = await requireStaff('queue.view');
  const { no } = await params;
  const { gabung } = await searchParams;
  if (!isComplaintNumber(no)) notFound();
  const t = await getTranslations('console');
  const ts = await getTranslations('status');
  const locale = await getLocale();
  const db = getConsoleDb();
  const c = await getConsoleComplaint(db, no, { userId: session.userId, ip: await currentIp(), canSeePii: can(session.role, 'complaint.pii.view') });
  if (!c) notFound();
  const canned = can(session.role, 'canned.use') ? await listCannedResponses(db) : [];
  const staff = can(session.role, 'complaint.assign') ? await listActiveStaff(db) : [];
  const may = capabilities(
    { kind: 'staff', userId: session.userId, role: session.role },
    { status: c.status, assignedTo: c.assignedTo?.id ?? null, parentId: c.parentNumber },
  );
  const moves = may.moves.map((s) => ({ value: s, label: ts(s) }));
  const categoryList = may.recategorise ? await categoryChoices(db, c.category.id) : [];
  // The merge's confirmation step (linkAction sends the officer here); a pair that can no longer be
  // merged (merged already, closed meanwhile) simply shows no comparison.
  const merging =
    may.merge && typeof gabung === 'string' && isComplaintNumber(gabung)
      ? await mergePreview(db, { duplicateNumber: c.number, targetNumber: gabung }).catch(ignoreRefusal)
      : null;
  const seenEventId = latestPublicEventId(c.events);
  const box = 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';

  return (
    <div className="space-y-4">
      <Link href="/konsol" className="text-sm underline">
        ← {t('queue')}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-bold text-slate-900">{t('complaint', { number: c.number })}</h1>
        <StatusBadge status={c.status} />
        <span className="rounded bg-slate-800 px-2 py-0.5 text-sm text-white">{t('days', { days: c.agingDays })}</span>
        <span className="text-sm text-slate-700">
          {t('assigned')}: <strong data-testid="assignee">{c.assignedTo?.name ?? t('unassigned')}</strong>
        </span>
      </header>
      <Presence number={c.number} pollSeconds={PRESENCE_POLL_SECONDS} />
      {c.otherViewers.length > 0 && (
        <p role="alert" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3 text-amber-900">
          {t('otherViewers', { names: c.otherViewers.join(', ') })}
        </p>
      )}

      {merging && <MergeConfirm duplicate={merging.duplicate} target={merging.target} />}

      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          <section className={box} aria-labelledby="orig">
            <h2 id="orig" className="text-lg font-semibold">
              {c.title}
            </h2>
            <p className="text-sm text-slate-600">
              {formatMyDateTime(c.createdAt)} · {locale === 'en' ? c.category.nameEn : c.category.nameMs}
            </p>
            <p className="mt-2 whitespace-pre-line break-words">{c.description}</p>
          </section>

          <Timeline events={c.events} className={box} />

          {may.reply && (
            <section className={box} aria-labelledby="composer">
              <h2 id="composer" className="mb-2 text-lg font-semibold">
                {t('composer')}
              </h2>
              <Composer
                number={c.number}
                canned={canned}
                statuses={moves}
                values={placeholderValues({ name: c.complainant.name, number: c.number, title: c.title }, session.name)}
                linkedChildren={c.children.filter((k) => isOpen(k.status)).length}
                seenEventId={seenEventId}
              />
            </section>
          )}
        </div>

        <aside className="space-y-4">
          {may.writeArticle && <KbWriteArticle number={c.number} className={box} />}
          <ServiceLevelPanel
            complaint={c}
            may={may}
            categories={categoryList}
            actions={{ priority: priorityAction, category: categoryAction }}
            className={box}
          />
          <section className={box} aria-labelledby="complainant">
            <h2 id="complainant" className="text-lg font-semibold">
              {t('complainant')}
            </h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-medium">{t('name')}</dt>
              <dd>{c.complainant.name}</dd>
              <dt className="font-medium">{t('icFull')}</dt>
              <dd className="font-mono">{c.complainant.ic}</dd>
              <dt className="font-medium">{t('phone')}</dt>
              <dd className="font-mono">{c.complainant.phone}</dd>
              <dt className="font-medium">{t('email')}</dt>
              <dd className="break-all">{c.complainant.email}</dd>
              <dt className="font-medium">{t('ptj')}</dt>
              <dd>{c.complainant.ptj}</dd>
              <dt className="font-medium">{t('whatsapp')}</dt>
              <dd>{c.complainant.whatsappConsent ? t('yes') : t('no')}</dd>
            </dl>
            <p className="mt-2 text-xs text-slate-600">{t('piiAudited')}</p>
          </section>

          {(may.take || may.assign || moves.length > 0) && (
            <section className={`${box} space-y-3`} aria-label={t('assigned')}>
              {may.take && (
                <ActionForm action={takeAction} label={t('take')} submitLabel={t('take')}>
                  <input type="hidden" name="number" value={c.number} />
                </ActionForm>
              )}
              {may.assign && (
                <ActionForm action={assignAction} label={t('assignTo')} submitLabel={t('assign')}>
                  <input type="hidden" name="number" value={c.number} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('assignTo')}
                    <select name="assigneeId" defaultValue={c.assignedTo?.id ?? ''} className={input}>
                      <option value="">{t('nobody')}</option>
                      {staff.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </ActionForm>
              )}
              {moves.length > 0 && (
                <ActionForm action={statusAction} label={t('changeStatus')} submitLabel={t('changeStatus')} seenEventId={seenEventId}>
                  <input type="hidden" name="number" value={c.number} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('status')}
                    {/* The current status first and selected: nothing changes until the officer picks a move. */}
                    <select key={c.status} name="to" defaultValue={c.status} className={input}>
                      <option value={c.status}>{t('currentStatus', { status: ts(c.status) })}</option>
                      {moves.map((m) => (
                        <option key={m.value} value={m.value}>
                          {m.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('reason')}
                    <input name="reason" maxLength={2000} className={input} />
                  </label>
                </ActionForm>
              )}
            </section>
          )}

          {may.tag && (
            <section className={`${box} space-y-3`} aria-label={t('tags')}>
              <ActionForm action={tagsAction} label={t('tags')} submitLabel={t('saveTags')}>
                <input type="hidden" name="number" value={c.number} />
                <label className="flex flex-col gap-1 text-sm font-medium">
                  {t('tags')} <span className="font-normal text-slate-600">({t('tagsHint')})</span>
                  <input name="tags" defaultValue={c.tags.join(', ')} className={input} />
                </label>
              </ActionForm>
              {c.parentNumber && (
                <p className="text-sm">
                  {t('parent')}:{' '}
                  <Link className="font-mono underline" href={`/konsol/aduan/${c.parentNumber}`}>
                    {c.parentNumber}
                  </Link>
                </p>
              )}
              {c.children.length > 0 && (
                <div className="text-sm">
                  <p className="font-medium">{t('children')}</p>
                  <ul>
                    {c.children.map((k) => (
                      <li key={k.number}>
                        <Link className="font-mono underline" href={`/konsol/aduan/${k.number}`}>
                          {k.number}
                        </Link>{' '}
                        ({ts(k.status)})
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {may.link && (
                <ActionForm action={linkAction} label={t('linkTo')} submitLabel={t('link')}>
                  <input type="hidden" name="number" value={c.number} />
                  <input type="hidden" name="mode" value="link" />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('linkTo')}
                    <input name="other" className={`${input} font-mono`} />
                  </label>
                </ActionForm>
              )}
              {may.merge && (
                <ActionForm action={linkAction} label={t('mergeInto')} submitLabel={t('merge')}>
                  <input type="hidden" name="number" value={c.number} />
                  <input type="hidden" name="mode" value="merge" />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('mergeInto')}
                    <input name="other" className={`${input} font-mono`} />
                  </label>
                </ActionForm>
              )}
            </section>
          )}
          <Suspense fallback={<SimilarPanelLoading className={box} />}>
            <SimilarPanel db={db} complaintId={c.id} className={box} />
          </Suspense>
        </aside>
      </div>
    </div>
  );
}

/** A refusal (AppError) means "no comparison to show"; anything else is a real failure. */
function ignoreRefusal(e: unknown): null {
  if (e instanceof AppError) return null;
  throw e;
}
