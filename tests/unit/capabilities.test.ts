import { describe, expect, it } from 'vitest';
import { capabilities, isClosed, isOpen, OPEN_STATUSES, statusAfterPublicReply, STATUSES, type Viewer } from '@/lib/complaints/status';

// What a viewer may do with a complaint: permissions and status rules in one answer.

const officer: Viewer = { kind: 'staff', userId: 'u-officer', role: 'pegawai' };
const supervisor: Viewer = { kind: 'staff', userId: 'u-super', role: 'penyelia' };
const complainant: Viewer = { kind: 'complainant' };

describe('capabilities', () => {
  it('an officer replies, takes and moves an open complaint, but neither assigns nor links', () => {
    const may = capabilities(officer, { status: 'baru', assignedTo: null });
    expect(may).toMatchObject({ reply: true, take: true, assign: false, tag: false, link: false, merge: false, feedback: false });
    expect(may.moves).toEqual(['dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup']);
    expect(may.close).toBe(true);
  });

  it('an officer cannot take what is already theirs', () => {
    expect(capabilities(officer, { status: 'dalam_tindakan', assignedTo: 'u-officer' }).take).toBe(false);
    expect(capabilities(officer, { status: 'dalam_tindakan', assignedTo: 'someone-else' }).take).toBe(true);
  });

  it('a supervisor assigns, links and merges; a linked child cannot be linked again', () => {
    expect(capabilities(supervisor, { status: 'dalam_tindakan', assignedTo: null })).toMatchObject({ assign: true, link: true, merge: true, tag: true });
    expect(capabilities(supervisor, { status: 'dalam_tindakan', assignedTo: null, parentId: 'p' }).link).toBe(false);
  });

  it('a closed complaint takes nothing from anyone but tags', () => {
    const may = capabilities(supervisor, { status: 'ditutup', assignedTo: null });
    expect(may).toMatchObject({ reply: false, take: false, assign: false, link: false, merge: false, close: false, tag: true });
    expect(may.moves).toEqual([]);
    expect(capabilities(complainant, { status: 'ditutup' })).toMatchObject({ feedback: false, close: false });
  });

  it('the complainant gives feedback and closes while it is open, and does nothing an officer does', () => {
    for (const status of OPEN_STATUSES) {
      expect(capabilities(complainant, { status })).toMatchObject({ feedback: true, close: true, reply: false, assign: false, moves: [] });
    }
  });
});

describe('status rules', () => {
  it('a public reply moves a new complaint to in progress and leaves others where they are', () => {
    expect(statusAfterPublicReply('baru')).toBe('dalam_tindakan');
    expect(statusAfterPublicReply('menunggu_pengadu')).toBeUndefined();
    expect(statusAfterPublicReply('selesai')).toBeUndefined();
  });

  it("a reply's chosen status is taken only where the move is legal", () => {
    expect(statusAfterPublicReply('baru', 'menunggu_pengadu')).toBe('menunggu_pengadu');
    expect(statusAfterPublicReply('selesai', 'menunggu_pengadu')).toBeUndefined();
    expect(statusAfterPublicReply('dalam_tindakan', 'dalam_tindakan')).toBeUndefined();
  });

  it('open and closed split the statuses in two', () => {
    expect(STATUSES.filter(isClosed)).toEqual(['ditutup']);
    expect(OPEN_STATUSES).toEqual(STATUSES.filter(isOpen));
  });
});
