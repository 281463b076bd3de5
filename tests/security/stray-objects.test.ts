import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { getObjectBytes, putObject } from '@/lib/storage';
import { STRAY_AFTER_MS, sweepStrayObjects } from '@/lib/storage/sweep';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';

// Threat: attachments (IC cards, letters) left in the bucket with no row after a crash between
// storing them and committing, or after a failed clean-up while the store was down: nobody can
// see them in the app, nobody removes them, retention never reaches them. The hourly sweep removes
// attachment objects older than an hour that no row names, and nothing else.

describe('stray object sweep', () => {
  it('removes an old object no row names; keeps attachments with rows and objects still young', async () => {
    const filed = await submitComplaint(getDb(), {
      fields: { ...validFields(), ic: '900101-14-7101' },
      files: [{ name: 'skrin.png', bytes: await pngBytes(36, 24) }],
      captchaToken: await solvedAltcha(),
      ip: '10.225.6.1',
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed));
    const [c] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, filed.number));
    const [kept] = await getDb().select({ key: attachments.objectKey }).from(attachments).where(eq(attachments.complaintId, c.id));
    const stray = `aduan/${filed.number}/${randomUUID()}.png`;
    await putObject(stray, await pngBytes(10, 10), 'image/png');
    const prefix = `aduan/${filed.number}/`;

    // Now: everything is younger than an hour, nothing goes.
    expect(await sweepStrayObjects(getDb(), { prefix })).toEqual({ checked: 2, removed: 0 });
    expect(await getObjectBytes(stray)).not.toBeNull();

    // An hour and a minute later: the stray object goes, the attachment stays.
    const later = new Date(Date.now() + STRAY_AFTER_MS + 60_000);
    expect(await sweepStrayObjects(getDb(), { prefix, now: later })).toEqual({ checked: 2, removed: 1 });
    expect(await getObjectBytes(stray)).toBeNull();
    expect(await getObjectBytes(kept.key)).not.toBeNull();
  });
});
