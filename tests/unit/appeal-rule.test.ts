import { describe, expect, it } from 'vitest';
import { parseQueueParams, queueParamsToSearch } from '@/lib/console/queue/params';
import { SAVED_VIEWS } from '@/lib/console/queue/filters';
import { appealOpens, canMove, satisfactionRound, type ClosingFacts } from '@/lib/complaints/status';
import { readVerdict } from '@/lib/complaints/satisfaction';

// The appeal rule (lib/complaints/status.ts): Tidak puas hati on work an officer finished, once.

const closing = (c: Partial<ClosingFacts>): ClosingFacts => ({ by: 'staff', duplicate: false, automatic: null, ...c });
const none = { appealOpenedAt: null };

describe('appealOpens', () => {
  it('opens on a resolved complaint, or one an officer or the schedule closed after resolving', () => {
    expect(appealOpens({ status: 'selesai', ...none }, false, null)).toBe(true);
    expect(appealOpens({ status: 'ditutup', ...none }, false, closing({ by: 'staff' }))).toBe(true);
    expect(appealOpens({ status: 'ditutup', ...none }, false, closing({ by: 'system', automatic: 'resolved' }))).toBe(true);
  });
  it('never for Puas hati, a second time, a merge, the complainant’s own or an unanswered closing, or open work', () => {
    expect(appealOpens({ status: 'selesai', ...none }, true, null)).toBe(false);
    expect(appealOpens({ status: 'selesai', appealOpenedAt: new Date() }, false, null)).toBe(false);
    expect(appealOpens({ status: 'ditutup', ...none }, false, closing({ duplicate: true }))).toBe(false);
    expect(appealOpens({ status: 'ditutup', ...none }, false, closing({ by: 'complainant' }))).toBe(false);
    expect(appealOpens({ status: 'ditutup', ...none }, false, closing({ by: 'system', automatic: 'unanswered' }))).toBe(false);
    for (const status of ['baru', 'dalam_tindakan', 'menunggu_pengadu'] as const) expect(appealOpens({ status, ...none }, false, null)).toBe(false);
  });
  it('moves only from selesai or ditutup back to dalam_tindakan, and only as an appeal', () => {
    expect(canMove('ditutup', 'dalam_tindakan')).toBe(false);
    expect(canMove('ditutup', 'dalam_tindakan', { appeal: true })).toBe(true);
    expect(canMove('selesai', 'dalam_tindakan', { appeal: true })).toBe(true);
    expect(canMove('ditutup', 'baru', { appeal: true })).toBe(false);
    expect(canMove('menunggu_pengadu', 'dalam_tindakan', { appeal: true })).toBe(false);
    expect(satisfactionRound(none)).toBe(1);
    expect(satisfactionRound({ appealOpenedAt: new Date() })).toBe(2);
  });
});

describe('readVerdict and the Rayuan view', () => {
  it('reads the fields or names every bad one', () => {
    expect(readVerdict({ satisfied: 'tidak_puas', rating: ' 3 ', comment: ' Lambat.\r\n' })).toEqual({ ok: true, value: { satisfied: false, rating: 3, comment: 'Lambat.' } });
    expect(readVerdict({ satisfied: 'puas', rating: '5' })).toEqual({ ok: true, value: { satisfied: true, rating: 5, comment: null } });
    expect(readVerdict({ rating: '0' })).toEqual({ ok: false, fieldErrors: { satisfied: 'choice_required', rating: 'rating_range' } });
    expect(readVerdict({ satisfied: 'puas', rating: '4.5', comment: 'a\u0007' })).toEqual({ ok: false, fieldErrors: { rating: 'rating_range', comment: 'comment_control' } });
  });
  it('round-trips the Rayuan view and drops a bad rayuan value', () => {
    const search = queueParamsToSearch(SAVED_VIEWS.rayuan.filters, { view: 'rayuan' });
    expect(search).toContain('rayuan=1');
    expect(parseQueueParams(Object.fromEntries(new URLSearchParams(search)))).toMatchObject({ view: 'rayuan', filters: { appeal: true, sort: 'due' } });
    expect(parseQueueParams({ rayuan: 'ya' }).filters).toEqual({});
  });
});
