import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { getConsoleComplaint } from '@/lib/console/complaint-detail';
import { fillPlaceholders, placeholderValues } from '@/lib/console/placeholders';
import { getDb } from '@/lib/db';
import { complaintEvents } from '@/lib/db/schema';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';

// The officer's reply box previews a canned response filled for this complaint with the function
// and values the server uses when it stores the reply: what the preview shows is what is sent.

const db = () => getDb();

describe('the reply preview', () => {
  it('equals the stored reply, and leaves every placeholder that is not one of the four as typed', async () => {
    const officer = await newOfficer();
    const c = await fileComplaint();
    const body = 'Salam {nama}, aduan {no_aduan} ("{tajuk}"). {constructor} {toString} {__proto__} {nama_penuh} {NAMA} { nama } {} — {pegawai}';

    // The page builds the values from the complaint as the console shows it and the signed-in officer.
    const shown = (await getConsoleComplaint(db(), c.number, { userId: officer.id, canSeePii: false }))!;
    const preview = fillPlaceholders(body, placeholderValues({ name: shown.complainant.name, number: shown.number, title: shown.title }, officer.name));

    const { eventId } = await addPublicReply(db(), { userId: officer.id, number: c.number, body });
    const [stored] = await db().select({ body: complaintEvents.body }).from(complaintEvents).where(and(eq(complaintEvents.id, eventId)));
    expect(stored.body).toBe(preview);

    expect(preview).toContain(`Salam ${shown.complainant.name}, aduan ${c.number} ("${shown.title}").`);
    expect(preview).toContain(`— ${officer.name}`);
    // Unknown names, inherited object keys and other spellings stay exactly as typed.
    expect(preview).toContain(' {constructor} {toString} {__proto__} {nama_penuh} {NAMA} { nama } {} ');
  });
});
