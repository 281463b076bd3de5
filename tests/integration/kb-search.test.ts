import { randomUUID } from 'node:crypto';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as suggestRoute } from '@/app/api/v1/soalan-lazim/cadangan/route';
import { POST as deflectRoute } from '@/app/api/v1/soalan-lazim/terbantu/route';
import { getDb } from '@/lib/db';
import { categories, complaints, kbDeflections } from '@/lib/db/schema';
import { KB_LIMITS, recordDeflection } from '@/lib/kb/deflect';
import { searchPublishedArticles, SIMILAR_WINDOW, similarForComplaint } from '@/lib/kb/search';
import { insertArticle, removeArticles } from '../support/kb-fixtures';

// The public knowledge base's search (Malay words, prefixes, misspellings; published only), the
// form's suggestions handler, "Ini menyelesaikan masalah saya" (once per browser, rate-limited) and
// officers' similar resolved complaints. Articles and complaints are this file's own (complaints
// in a category of its own, inactive, removed after); addresses are in 10.222.x.x.

const db = () => getDb();
const run = randomUUID().slice(0, 6);
const art: Record<'voucher' | 'supplier' | 'draft' | 'retired', { id: number; slug: string }> = {} as never;
let categoryId = 0;
const made: string[] = [];
let ipSeq = 0;
const ip = () => `10.222.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

/** A complaint row of this file (a made-up complainant), numbered `prefix` + `n`. */
function complaintRow(prefix: string, n: number, values: { categoryId: number; title: string; status: typeof complaints.$inferInsert.status; description: string }) {
  return {
    number: `${prefix}${run.toUpperCase().replace(/[^A-Z]/g, 'X')}${String(n).padStart(9, '0')}`.slice(0, 17),
    submissionKey: randomUUID(),
    name: 'Pengadu Ujian',
    icEncrypted: 'dummy',
    icHash: randomUUID().replace(/-/g, ''),
    icLast4: '0000',
    phone: '0123456789',
    email: 'ujian@example.gov.my',
    ...values,
  };
}

async function complaint(title: string, status: typeof complaints.$inferInsert.status, description = 'Aduan ujian pangkalan pengetahuan.') {
  const [row] = await db()
    .insert(complaints)
    .values(complaintRow('KB', made.length + 1, { categoryId, title, status, description }))
    .returning({ id: complaints.id, number: complaints.number });
  made.push(row.id);
  return row;
}

const ids = (hits: { id: number }[]) => hits.map((h) => h.id);

beforeAll(async () => {
  const [cat] = await db()
    .insert(categories)
    .values({ slug: `kb-ujian-${run}`, nameMs: `KB Ujian ${run}`, nameEn: `KB Test ${run}`, active: false, sortOrder: 900 })
    .returning({ id: categories.id });
  categoryId = cat.id;
  art.voucher = await insertArticle(db(), {
    title: 'Baucar gaji tidak dapat dijana',
    keywords: 'baucar, gaji, ebaucar',
    problem: 'Semasa menjana baucar gaji bulanan, sistem memaparkan ralat tempoh perakaunan.',
    solution: 'Pastikan tempoh perakaunan bulan semasa telah dibuka, kemudian jana semula baucar melalui menu Pembayaran.',
  });
  art.supplier = await insertArticle(db(), {
    title: 'Permohonan pengesahan pembekal tertangguh',
    keywords: 'pembekal, vendor',
    problem: 'Permohonan pengesahan pembekal baharu tidak bergerak selepas dihantar.',
    solution: 'Semak status permohonan dalam modul Pembekal dan pastikan dokumen bank dimuat naik.',
  });
  art.draft = await insertArticle(db(), { status: 'draft', title: `Baucar zorblat ${run}`, problem: 'Draf zorblat.', solution: 'Belum diterbitkan.' });
  art.retired = await insertArticle(db(), { status: 'retired', title: `Baucar lama zorblat ${run}`, problem: 'Lama zorblat.', solution: 'Sudah ditarik balik.' });
});

afterAll(async () => {
  await removeArticles(db(), Object.values(art).map((a) => a.id));
  if (made.length > 0) await db().delete(complaints).where(inArray(complaints.id, made));
  await db().delete(categories).where(eq(categories.id, categoryId));
});

describe('searchPublishedArticles', () => {
  it('finds an article by a misspelt word (baucer → baucar)', async () => {
    expect(ids(await searchPublishedArticles(db(), 'baucer'))).toContain(art.voucher.id);
    expect(ids(await searchPublishedArticles(db(), 'pembekel'))).toContain(art.supplier.id);
  });

  it('finds an article by a prefix (pengesa → pengesahan)', async () => {
    const hits = ids(await searchPublishedArticles(db(), 'pengesa'));
    expect(hits).toContain(art.supplier.id);
    expect(hits).not.toContain(art.voucher.id);
  });

  it('finds Malay words anywhere in the text, best match first', async () => {
    expect(ids(await searchPublishedArticles(db(), 'jana baucar gaji'))[0]).toBe(art.voucher.id);
    expect(ids(await searchPublishedArticles(db(), 'tempoh perakaunan'))).toContain(art.voucher.id);
    expect(ids(await searchPublishedArticles(db(), 'dokumen bank'))).toEqual(expect.arrayContaining([art.supplier.id]));
  });

  it('never finds drafts or retired articles', async () => {
    expect(ids(await searchPublishedArticles(db(), 'zorblat'))).toEqual([]);
    expect(ids(await searchPublishedArticles(db(), `baucar ${run}`))).not.toEqual(expect.arrayContaining([art.draft.id]));
    expect(ids(await searchPublishedArticles(db(), 'baucar', { limit: 50 }))).not.toContain(art.retired.id);
  });

  it('suggests from a complainant\'s title with extra and misspelt words, and nothing for common words only', async () => {
    expect(ids(await searchPublishedArticles(db(), 'Tak boleh jana baucer gaji bulan ini', { mode: 'suggest', limit: 3 }))).toContain(art.voucher.id);
    expect(await searchPublishedArticles(db(), 'saya tidak boleh', { mode: 'suggest' })).toEqual([]);
    expect(await searchPublishedArticles(db(), '!!! ::* & |', { mode: 'suggest' })).toEqual([]);
  });
});

describe('GET /api/v1/soalan-lazim/cadangan', () => {
  const get = (q: string | null, from = ip()) =>
    suggestRoute(new Request(`http://localhost/api/v1/soalan-lazim/cadangan${q === null ? '' : `?q=${encodeURIComponent(q)}`}`, { headers: { 'x-forwarded-for': from } }));

  it('answers at most three articles: slug, title and the start of the solution', async () => {
    const res = await get('baucer gaji tidak dijana');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { slug: string; title: string; snippet: string }[] };
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items.find((i) => i.slug === art.voucher.slug)).toMatchObject({ title: 'Baucar gaji tidak dapat dijana', snippet: expect.stringContaining('tempoh perakaunan') });
    expect(JSON.stringify(items)).not.toContain('zorblat');
  });

  it('answers 400 for a missing, short or long q, and never 500 for odd text', async () => {
    for (const q of [null, '', 'ab', '  a ', 'x'.repeat(501)]) expect((await get(q)).status, String(q)).toBe(400);
    for (const q of ["'; drop table kb_articles; --", 'a:* | b & !c', '((( )))', '\\\\ %_ \u0000 😀😀😀', 'SELECT * FROM', 'baucar:*', '<script>x</script>']) {
      const res = await get(q);
      expect(res.status, q).toBe(200);
    }
  });
});

describe('Ini menyelesaikan masalah saya', () => {
  const deflections = async (articleId: number) =>
    (await db().select({ n: count() }).from(kbDeflections).where(eq(kbDeflections.articleId, articleId)))[0].n;

  async function post(fields: Record<string, string>, headers: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const encoded = new Request('http://localhost/api/v1/soalan-lazim/terbantu', { method: 'POST', body: form });
    const body = new Uint8Array(await encoded.arrayBuffer());
    return deflectRoute(
      new Request('http://localhost/api/v1/soalan-lazim/terbantu', {
        method: 'POST',
        body,
        headers: { ...Object.fromEntries(encoded.headers), 'content-length': String(body.length), ...headers },
      }),
      undefined,
    );
  }

  it('counts once per browser (cookie), through the route handler', async () => {
    const before = await deflections(art.supplier.id);
    const from = ip();
    const first = await post({ slug: art.supplier.slug, source: 'form' }, { 'x-forwarded-for': from });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ counted: true });
    const cookie = first.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toBe(`kb_terbantu=${art.supplier.id}`);
    const again = await post({ slug: art.supplier.slug, source: 'faq' }, { 'x-forwarded-for': from, cookie });
    expect(await again.json()).toEqual({ counted: false });
    expect(await deflections(art.supplier.id)).toBe(before + 1);
    const [row] = await db().select({ source: kbDeflections.source }).from(kbDeflections).where(eq(kbDeflections.articleId, art.supplier.id));
    expect(row.source).toBe('form');
    // Another browser counts again.
    expect(await (await post({ slug: art.supplier.slug, source: 'faq' }, { 'x-forwarded-for': from })).json()).toEqual({ counted: true });
    expect(await deflections(art.supplier.id)).toBe(before + 2);
  });

  it('refuses drafts, retired and unknown articles (404) and a bad source (400), counting nothing', async () => {
    for (const slug of [art.draft.slug, art.retired.slug, 'tiada-artikel', '../x']) {
      expect((await post({ slug, source: 'faq' }, { 'x-forwarded-for': ip() })).status, slug).toBe(404);
    }
    expect((await post({ slug: art.voucher.slug, source: 'lain' }, { 'x-forwarded-for': ip() })).status).toBe(400);
    expect(await deflections(art.draft.id)).toBe(0);
    expect(await deflections(art.retired.id)).toBe(0);
  });

  it(`is rate-limited per address (${KB_LIMITS.deflectionsPerAddress} an hour), counting nothing once refused`, async () => {
    const from = ip();
    for (let i = 0; i < KB_LIMITS.deflectionsPerAddress; i++) {
      const r = await recordDeflection(db(), { slug: art.voucher.slug, source: 'faq', ip: from, cookie: undefined });
      expect(r.ok, `try ${i + 1}`).toBe(true);
    }
    const before = await deflections(art.voucher.id);
    const res = await post({ slug: art.voucher.slug, source: 'faq' }, { 'x-forwarded-for': from });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await deflections(art.voucher.id)).toBe(before);
    // Another address is not held.
    expect((await post({ slug: art.voucher.slug, source: 'faq' }, { 'x-forwarded-for': ip() })).status).toBe(200);
  });
});

describe('over many published articles', () => {
  it('searches and suggests well within a request (300 more articles, median of 5)', async () => {
    const words = ['baucar', 'pembekal', 'lejar', 'gaji', 'kata laluan', 'pesanan tempatan', 'resit', 'akaun belum terima'];
    const bulk = await db().execute<{ id: number }>(sql`
      insert into kb_articles (slug, status, title, problem, solution, keywords, published_version, published_at, created_by)
      select ${`pukal-${run}-`}::text || g, 'published',
             'Masalah ' || (string_to_array(${words.join('|')}::text, '|'))[1 + g % 8] || ' nombor ' || g,
             'Keterangan masalah ' || (string_to_array(${words.join('|')}::text, '|'))[1 + (g * 3) % 8] || ' yang berlaku semasa proses bulanan.',
             'Langkah penyelesaian bagi ' || (string_to_array(${words.join('|')}::text, '|'))[1 + (g * 5) % 8] || ' melalui menu yang berkaitan.',
             (string_to_array(${words.join('|')}::text, '|'))[1 + g % 8], 1, now(), (select id from users order by created_at limit 1)
      from generate_series(1, 300) g
      returning id`);
    try {
      const median = async (fn: () => Promise<unknown>) => {
        const ms: number[] = [];
        for (let i = 0; i < 6; i++) {
          const t = performance.now();
          await fn();
          if (i > 0) ms.push(performance.now() - t);
        }
        return ms.sort((x, y) => x - y)[2];
      };
      const search = await median(() => searchPublishedArticles(db(), 'baucer'));
      const suggest = await median(() => searchPublishedArticles(db(), 'Tak boleh jana baucer gaji bulan ini', { mode: 'suggest', limit: 3 }));
      console.info(`kb search over ${bulk.length + 2}+ published articles: search ${search.toFixed(1)} ms, suggest ${suggest.toFixed(1)} ms (median)`);
      expect(ids(await searchPublishedArticles(db(), 'Tak boleh jana baucer gaji', { mode: 'suggest', limit: 3 }))[0]).toBe(art.voucher.id);
      expect(search).toBeLessThan(250);
      expect(suggest).toBeLessThan(250);
    } finally {
      await removeArticles(db(), [...bulk].map((r) => Number(r.id)));
    }
  });
});

describe('similarForComplaint', () => {
  it('finds resolved and closed complaints like this one, never open ones or itself, and related articles', async () => {
    const solved = await complaint('Baucar gaji tidak dapat dijana bulan Mac', 'selesai');
    const closed = await complaint('Ralat semasa jana baucar gaji', 'ditutup', 'Baucar gaji gagal dijana kerana tempoh perakaunan.');
    const open = await complaint('Baucar gaji tidak dijana lagi', 'dalam_tindakan');
    const other = await complaint('Kata laluan iSPEKS tamat tempoh', 'selesai', 'Tidak boleh log masuk.');
    const self = await complaint('Tidak dapat jana baucar gaji', 'baru', 'Sistem memaparkan ralat semasa menjana baucar gaji.');
    const t = performance.now();
    const similar = await similarForComplaint(db(), self.id);
    const ms = performance.now() - t;
    const numbers = similar.complaints.map((c) => c.number);
    expect(numbers).toEqual(expect.arrayContaining([solved.number, closed.number]));
    expect(numbers).not.toContain(open.number);
    expect(numbers).not.toContain(self.number);
    expect(numbers).not.toContain(other.number);
    expect(similar.complaints.length).toBeLessThanOrEqual(5);
    expect(similar.complaints.every((c) => c.status === 'selesai' || c.status === 'ditutup')).toBe(true);
    expect(ids(similar.articles)).toContain(art.voucher.id);
    expect(similar.articles.length).toBeLessThanOrEqual(3);
    console.info(`similarForComplaint: ${ms.toFixed(1)} ms`);
  });

  it('keeps its own category\'s first when another category holds more recent ones than the window', async () => {
    const solved = await complaint('Baucar gaji bulan April tidak dapat dijana', 'selesai');
    const self = await complaint('Tidak dapat jana baucar gaji April', 'baru', 'Ralat semasa menjana baucar gaji.');
    const [busy] = await db()
      .insert(categories)
      .values({ slug: `kb-sibuk-${run}`, nameMs: `KB Sibuk ${run}`, nameEn: `KB Busy ${run}`, active: false, sortOrder: 901 })
      .returning({ id: categories.id });
    try {
      // More resolved complaints than the window, with the very same words, all updated later.
      const later = new Date(Date.now() + 60_000);
      await db()
        .insert(complaints)
        .values(
          Array.from({ length: SIMILAR_WINDOW + 20 }, (_, i) => ({
            ...complaintRow('KS', i, { categoryId: busy.id, title: 'Tidak dapat jana baucar gaji April', status: 'ditutup', description: 'Ralat semasa menjana baucar gaji.' }),
            updatedAt: later,
          })),
        );
      const numbers = (await similarForComplaint(db(), self.id)).complaints.map((c) => c.number);
      expect(numbers).toContain(solved.number);
      const firstBusy = numbers.findIndex((n) => n.startsWith('KS'));
      expect(firstBusy === -1 || firstBusy > numbers.indexOf(solved.number)).toBe(true);
    } finally {
      await db().delete(complaints).where(eq(complaints.categoryId, busy.id));
      await db().delete(categories).where(eq(categories.id, busy.id));
    }
  });
});
