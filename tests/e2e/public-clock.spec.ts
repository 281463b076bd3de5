import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createStaffUser } from '@/lib/staff/users';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { closeDb, getDb } from '@/lib/db';
import { complaintColumns, complaints } from '@/lib/db/schema';
import { clockOfComplaint } from '@/lib/sla/complaint-clock';
import { file } from './pages/console-first-use';
import { noSeriousAxe, shot } from './pages/checks';

// The charter clock the complainant sees (no peer helpdesk shows it): beside "Bil Aging Aduan N
// Hari", the working day against the charter's 15, and a plain sentence when the officer is
// waiting for them and the clock is paused.

test.afterAll(async () => {
  await closeDb();
});

test('the complaint page shows "Hari bekerja ke-N daripada 15", then the paused wording while the officer waits', async ({ page }, info) => {
  const project = info.project.name;
  const c = await file({ name: 'Nik Mohd Hafiz Bin Nik Yusof', title: `Laporan akruan tidak seimbang ${Date.now()}` });
  // Filed nine calendar days ago: past two weekends, so working days and calendar days differ.
  await getDb()
    .update(complaints)
    .set({ createdAt: new Date(Date.now() - 9 * 24 * 3600_000) })
    .where(eq(complaints.number, c.number));
  const [row] = await getDb().select(complaintColumns).from(complaints).where(eq(complaints.number, c.number));
  // What the calendar module says the page must show.
  const clock = await clockOfComplaint(getDb(), row);
  expect(clock.workingDay).toBeGreaterThan(1);

  await page.goto(`/aduan/${c.number}?t=${c.accessToken}`);
  await expect(page.getByTestId('aging')).toHaveText('Bil Aging Aduan 9 Hari');
  await expect(page.getByTestId('service-clock')).toHaveText(`Hari bekerja ke-${clock.workingDay} daripada 15`);
  await expect(page.getByTestId('service-clock-note')).toHaveText(
    'Piagam pelanggan: aduan diselesaikan dalam 15 hari bekerja (tidak termasuk hujung minggu dan cuti umum).',
  );
  await noSeriousAxe(page);
  await shot(page, '40-public-clock-running', project);

  // The officer asks for more: the clock stops where it stood, and the page says why.
  const officer = await createStaffUser(getDb(), {
    name: 'Che Rosnah Binti Che Mat',
    email: `rosnah-${Date.now()}-${project}@pkn.local`,
    role: 'pegawai',
    password: 'kata-laluan-ujian-123',
  });
  await addPublicReply(getDb(), { userId: officer.id, number: c.number, body: 'Sila lampirkan laporan imbangan duga.', status: 'menunggu_pengadu' });
  await page.reload();
  await expect(page.getByTestId('service-clock')).toHaveText(`Hari bekerja ke-${clock.workingDay} daripada 15`);
  await expect(page.getByTestId('service-clock-note')).toHaveText(
    `Jam piagam dihentikan sementara kerana pegawai sedang menunggu maklum balas anda. Kiraan bersambung dari hari bekerja ke-${clock.workingDay} apabila anda membalas.`,
  );
  await noSeriousAxe(page);
  await shot(page, '41-public-clock-paused', project);

  // The same in English, from the same message files.
  await page.getByRole('button', { name: 'Tukar bahasa ke English' }).click();
  await expect(page.getByTestId('service-clock')).toHaveText(`Working day ${clock.workingDay} of 15`);
  await expect(page.getByTestId('service-clock-note')).toContainText('The charter clock is paused because the officer is waiting for your reply.');
  await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
  await expect(page.getByTestId('service-clock')).toHaveText(`Hari bekerja ke-${clock.workingDay} daripada 15`);
});
