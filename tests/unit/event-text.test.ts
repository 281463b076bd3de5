import { describe, expect, it } from 'vitest';
import { eventReason, eventText, type RenderableEvent } from '@/lib/complaints/event-text';

// History events hold facts; the sentence is made in the reader's language from the messages.

const event = (e: Partial<RenderableEvent> & Pick<RenderableEvent, 'type'>): RenderableEvent => ({
  data: null,
  fromStatus: null,
  toStatus: null,
  body: null,
  authorName: 'Pegawai Ujian',
  ...e,
});

const link = (side: 'child' | 'parent') =>
  event({ type: 'internal_note', data: { kind: 'linked', side, child: 'PKN-2026-000002', parent: 'PKN-2026-000001' } });
const merge = (side: 'duplicate' | 'target') =>
  event({ type: 'internal_note', data: { kind: 'merged', side, duplicate: 'PKN-2026-000009', target: 'PKN-2026-000003' } });
const assigned = event({
  type: 'assignment',
  data: { kind: 'assigned', assigneeId: '00000000-0000-4000-8000-000000000001', assigneeName: 'Siti Aminah', previousAssigneeId: null },
});
const unassigned = event({ type: 'assignment', data: { kind: 'unassigned', previousAssigneeId: '00000000-0000-4000-8000-000000000001' } });
const moved = event({ type: 'status_change', fromStatus: 'baru', toStatus: 'dalam_tindakan', body: 'Disemak oleh unit IT.' });

describe('an event in English', () => {
  it('words links, merges, assignments and status moves from their facts', () => {
    expect(eventText(link('child'), 'en')).toEqual({ summary: 'Linked to parent complaint PKN-2026-000001', text: null });
    expect(eventText(link('parent'), 'en').summary).toBe('Complaint PKN-2026-000002 linked to this complaint');
    expect(eventText(merge('duplicate'), 'en').summary).toBe('Merged into complaint PKN-2026-000003');
    expect(eventText(merge('target'), 'en').summary).toBe('Complaint PKN-2026-000009 merged into this complaint');
    expect(eventText(assigned, 'en')).toEqual({ summary: 'Assigned to Siti Aminah', text: null });
    expect(eventText(unassigned, 'en')).toEqual({ summary: 'Unassigned', text: null });
    expect(eventText(moved, 'en')).toEqual({ summary: 'Status changed: New → In progress', text: 'Reason: Disemak oleh unit IT.' });
  });

  it("gives a merged duplicate's closing a reason that does not name the other complaint", () => {
    const closed = event({ type: 'closed', fromStatus: 'baru', toStatus: 'ditutup', data: { kind: 'closed_as_duplicate' } });
    const r = eventText(closed, 'en');
    expect(r.summary).toBe('Complaint closed by Pegawai Ujian');
    expect(r.text).toBe('Reason: The same complaint has already been reported; action continues through that complaint.');
    expect(eventReason(closed, 'ms')).toBe('Aduan yang sama telah dilaporkan; tindakan diteruskan melalui aduan tersebut.');
  });

  it("names the complainant's own complaint that carries on when the closing's data holds it", () => {
    const closed = event({ type: 'closed', fromStatus: 'baru', toStatus: 'ditutup', data: { kind: 'closed_as_duplicate', target: 'PKN-2026-000003' } });
    expect(eventText(closed, 'en').text).toBe('Reason: You have reported the same matter in complaint PKN-2026-000003; action continues through that complaint.');
    expect(eventReason(closed, 'ms')).toBe('Perkara yang sama telah anda laporkan dalam aduan PKN-2026-000003; tindakan diteruskan melalui aduan tersebut.');
  });
});

describe('an event in Malay', () => {
  it('words the same facts in Malay', () => {
    expect(eventText(link('child'), 'ms').summary).toBe('Dipautkan kepada aduan induk PKN-2026-000001');
    expect(eventText(link('parent'), 'ms').summary).toBe('Aduan PKN-2026-000002 dipautkan kepada aduan ini');
    expect(eventText(merge('duplicate'), 'ms').summary).toBe('Digabungkan ke aduan PKN-2026-000003');
    expect(eventText(merge('target'), 'ms').summary).toBe('Aduan PKN-2026-000009 digabungkan ke aduan ini');
    expect(eventText(assigned, 'ms').summary).toBe('Diagihkan kepada Siti Aminah');
    expect(eventText(unassigned, 'ms').summary).toBe('Agihan dibatalkan');
    expect(eventText(moved, 'ms')).toEqual({ summary: 'Status ditukar: Baru → Dalam Tindakan', text: 'Sebab: Disemak oleh unit IT.' });
  });
});

describe('what people wrote, and rows from before events held data', () => {
  it('shows a reply or a note as written, with no sentence of its own', () => {
    expect(eventText(event({ type: 'public_reply', body: 'Sila cuba semula.' }), 'en')).toEqual({ summary: null, text: 'Sila cuba semula.' });
  });

  it('keeps the stored sentence of an old row without data, in any language', () => {
    const old = event({ type: 'assignment', body: 'Diagihkan kepada Ali' });
    expect(eventText(old, 'en')).toEqual({ summary: null, text: 'Diagihkan kepada Ali' });
    const oldNote = event({ type: 'internal_note', body: 'Digabungkan ke aduan PKN-2025-000001' });
    expect(eventText(oldNote, 'ms')).toEqual({ summary: null, text: 'Digabungkan ke aduan PKN-2025-000001' });
  });
});
