import { asc, eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { cannedResponses } from '@/lib/db/schema';

// Canned responses: saved replies with placeholders. The composer inserts them as written (a reply
// on a parent is copied to its children, each filled with its own complainant's details) and
// previews them filled for the complaint at hand; the server fills them for each complaint the
// reply is written to, with the same function (lib/console/placeholders.ts).

export async function listCannedResponses(db: Db) {
  return db
    .select({ id: cannedResponses.id, title: cannedResponses.title, body: cannedResponses.body })
    .from(cannedResponses)
    .where(eq(cannedResponses.active, true))
    .orderBy(asc(cannedResponses.title));
}

export const seedCannedResponses = [
  {
    title: 'Aduan diterima, tindakan sedang diambil',
    body: 'Assalamualaikum w.b.t. {nama}, terima kasih di atas aduan {no_aduan}. Tindakan sedang diambil dan pihak kami akan memaklumkan dalam masa terdekat.',
  },
  {
    title: 'Kod telah dimasukkan, mohon tutup log',
    body: 'Senarai kod yang dimohon telah dimasukkan dan tersedia di dalam sistem iSPEKS. Pohon {nama} tutup log aduan {no_aduan} setelah transaksi berkaitan dapat dilakukan. Terima kasih.',
  },
  {
    title: 'Maklumat tambahan diperlukan',
    body: 'Untuk tindakan lanjut bagi aduan {no_aduan} ("{tajuk}"), mohon {nama} kemukakan tangkap layar skrin ralat dan no rujukan transaksi berkaitan. Terima kasih. — {pegawai}',
  },
];

/** All canned responses, inactive ones too (for the page that manages them). */
export async function listAllCannedResponses(db: Db) {
  return db.select().from(cannedResponses).orderBy(asc(cannedResponses.title));
}

export async function addCannedResponse(db: Db, actor: { userId: string; ip?: string | null }, input: { title: string; body: string }) {
  const [row] = await db.insert(cannedResponses).values({ title: input.title.trim(), body: input.body.trim() }).returning({ id: cannedResponses.id });
  await audit(db, { actorType: 'staff', actorId: actor.userId, action: 'canned.created', targetType: 'canned', targetId: String(row.id), ip: actor.ip ?? null });
  return row;
}

export async function setCannedResponseActive(db: Db, actor: { userId: string; ip?: string | null }, id: number, active: boolean) {
  await db.update(cannedResponses).set({ active }).where(eq(cannedResponses.id, id));
  await audit(db, { actorType: 'staff', actorId: actor.userId, action: active ? 'canned.activated' : 'canned.deactivated', targetType: 'canned', targetId: String(id), ip: actor.ip ?? null });
}
