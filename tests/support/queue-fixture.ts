import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { createStaffUser } from '@/lib/staff/users';

// A large, varied queue for the console's search and paging tests (and a later benchmark), made
// with a few INSERT … SELECT FROM generate_series statements instead of n submissions.
// Titles, names and notes come from a small iSPEKS vocabulary that deliberately contains none of
// the words the tests search for (pengesahan, baucar, zakat…). Bulk rows get a dummy
// ic_encrypted, an ic_hash no real IC can produce and ic_last4 in 0000–8999; the few `known` rows
// carry a real encrypted IC, its real keyed hash and last four digits in 9000–9099.

export const QUEUE_VOCABULARY = {
  titles: [
    'Kod iklan tiada',
    'Bayaran tidak dapat dipos',
    'Akses pengguna disekat',
    'Laporan lejar am tidak seimbang',
    'Pesanan tempatan ditolak',
    'Terimaan tidak dapat dijana',
    'Daftar aset gagal disimpan',
    'Kod akaun tidak aktif',
    'Penyata pemungut tertangguh',
    'Inbois pembekal tidak dijumpai',
    'Nombor rujukan pendua',
    'Kata laluan tamat tempoh',
  ],
  modules: ['Modul perolehan', 'Modul pembayaran', 'Modul terimaan', 'Modul lejar am', 'Modul aset dan inventori'],
  problems: [
    'ralat semasa simpan rekod.',
    'skrin tidak memaparkan data terkini.',
    'status tidak dikemas kini selepas kelulusan.',
    'mesej ralat sistem dipaparkan tanpa sebab.',
    'butang hantar tidak berfungsi.',
  ],
  givenNames: ['Ahmad', 'Siti Aminah', 'Mohd Faizal', 'Nur Aina', 'Azman', 'Nik Hafiz', 'Zainab', 'Rosli', 'Faridah', 'Kamarul Ariffin'],
  familyNames: ['Ismail', 'Hassan', 'Abdullah', 'Yusof', 'Ibrahim', 'Omar', 'Salleh', 'Mamat', 'Che Mat', 'Daud'],
  notes: ['Semakan dengan pegawai modul.', 'Menunggu maklum balas pembekal.', 'Rujuk manual pengguna bab tiga.'],
};

export type Officer = { id: string; name: string };

export type QueueFixture = {
  /** 6 random digits in every number made by this call */
  runId: string;
  officers: [Officer, Officer];
  /** bulk rows whose IC is real (encrypted, hashed), e.g. for the IC search */
  known: { id: string; number: string; ic: string }[];
  /** wall-clock seconds the seed took */
  seconds: number;
};

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::text`), sql`, `)}]`;

/**
 * Inserts n complaints numbered `<prefix><runId><9-digit i>` with varied status, category, PTJ,
 * officer (a, b or nobody), created_at (spread over `days` before now, with microseconds), titles
 * and descriptions, and an internal note on every fifth. Returns how many rows it inserted.
 */
export async function insertComplaintSeries(
  db: Db,
  opts: {
    n: number;
    prefix: string;
    runId: string;
    officers: readonly [Officer, Officer];
    days?: number;
    /** when set, every row is created at this instant minus (i % 20) ms minus (i % 3) µs */
    baseTime?: Date;
    tag?: string;
  },
): Promise<number> {
  const v = QUEUE_VOCABULARY;
  const seconds = Math.max(1, Math.round((opts.days ?? 90) * 86_400));
  const created = opts.baseTime
    ? sql`${opts.baseTime.toISOString()}::timestamptz - ((i % 20) * 1000 + (i % 3)) * interval '1 microsecond'`
    : sql`now() - ((i::bigint * 7919) % ${seconds}) * interval '1 second' - ((i * 7) % 1000000) * interval '1 microsecond'`;
  const inserted = await db.execute<{ id: string }>(sql`
    with ref as (
      select (select array_agg(id order by id) from categories) as cats,
             (select array_agg(id order by id) from ptj) as ptjs,
             ${textArray(v.titles)} as titles,
             ${textArray(v.modules)} as modules,
             ${textArray(v.problems)} as problems,
             ${textArray(v.givenNames)} as given,
             ${textArray(v.familyNames)} as family
    ), src as (
      select i, ${created} as created_at,
             (array['baru','dalam_tindakan','menunggu_pengadu','selesai','ditutup']::complaint_status[])[1 + i % 5] as status
      from generate_series(1, ${opts.n}::int) as i
    )
    insert into complaints (number, submission_key, status, name, ic_encrypted, ic_hash, ic_last4, ptj_id, ptj_other,
                            phone, email, category_id, title, description, assigned_to, created_at, updated_at, closed_at)
    select ${opts.prefix}::text || ${opts.runId}::text || lpad(i::text, 9, '0'),
           gen_random_uuid(),
           status,
           given[1 + (i * 7) % array_length(given, 1)] || ' ' || family[1 + (i * 3) % array_length(family, 1)],
           'dummy',
           encode(sha256(convert_to('queue-fixture/' || ${opts.prefix}::text || ${opts.runId}::text || '/' || i, 'UTF8')), 'hex'),
           lpad(((i::bigint * 7919) % 9000)::text, 4, '0'),
           case when i % 10 = 0 then null else ptjs[1 + (i * 11) % array_length(ptjs, 1)] end,
           case when i % 10 = 0 then 'Pejabat Daerah Contoh' end,
           '0123456789',
           'pengadu' || i || '@example.gov.my',
           cats[1 + (i * 13) % array_length(cats, 1)],
           titles[1 + (i * 17) % array_length(titles, 1)],
           modules[1 + (i * 19) % array_length(modules, 1)] || ': ' || problems[1 + (i * 23) % array_length(problems, 1)],
           case i % 3 when 0 then ${opts.officers[0].id}::uuid when 1 then ${opts.officers[1].id}::uuid end,
           created_at,
           least(now(), created_at + ((i % 72) * interval '1 hour')),
           case when status = 'ditutup' then least(now(), created_at + ((i % 30) * interval '1 day')) end
    from src, ref
    returning id`);
  await db.execute(sql`
    insert into complaint_events (complaint_id, type, body, author_type, author_user_id, author_name, internal, created_at)
    select c.id, 'internal_note', (${textArray(v.notes)})[1 + ((row_number() over ()) % ${v.notes.length})::int], 'staff',
           ${opts.officers[0].id}::uuid, ${opts.officers[0].name}::text, true, c.created_at + interval '1 hour'
    from complaints c
    where c.number like ${`${opts.prefix}${opts.runId}%`}::text and right(c.number, 1) in ('0', '5')`);
  if (opts.tag) {
    await db.execute(sql`insert into tags (name) values (${opts.tag}::text) on conflict do nothing`);
    await db.execute(sql`
      insert into complaint_tags (complaint_id, tag_id)
      select c.id, t.id from complaints c, tags t
      where c.number like ${`${opts.prefix}${opts.runId}%`}::text and t.name = ${opts.tag}::text`);
  }
  return inserted.length;
}

/** Two officers and n complaints (see insertComplaintSeries), the first 5 with real ICs. */
export async function seedQueueFixture(db: Db, n: number): Promise<QueueFixture> {
  const started = performance.now();
  const runId = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const make = (letter: string, name: string) =>
    createStaffUser(db, { name, email: `pegawai-${letter}-${runId}@queue.test`, role: 'pegawai', password: 'kata-laluan-ujian-1' });
  const [a, b] = await Promise.all([make('a', `Pegawai Aduan A ${runId}`), make('b', `Pegawai Aduan B ${runId}`)]);
  const officers: [Officer, Officer] = [
    { id: a.id, name: a.name },
    { id: b.id, name: b.name },
  ];
  await insertComplaintSeries(db, { n, prefix: 'QF', runId, officers });

  const keys = piiKeys(getEnv().PII_KEY);
  const known: QueueFixture['known'] = [];
  for (let k = 1; k <= Math.min(5, n); k++) {
    const number = `QF${runId}${String(k).padStart(9, '0')}`;
    const ic = `8${k}010103${9000 + randomInt(0, 100)}`; // 8k0101-03-90xx
    const [row] = await db
      .update(complaints)
      .set({ icEncrypted: encryptPii(ic, keys.enc), icHash: hashPii(ic, keys.mac), icLast4: ic.slice(-4) })
      .where(sql`${complaints.number} = ${number}`)
      .returning({ id: complaints.id });
    known.push({ id: row.id, number, ic });
  }
  // A bulk insert leaves every row in the GIN indexes' pending lists (fastupdate), which makes
  // each search scan them all; autovacuum would merge them later, the fixture does it now.
  await db.execute(sql`vacuum analyze complaints`);
  await db.execute(sql`vacuum analyze complaint_events`);
  return { runId, officers, known, seconds: (performance.now() - started) / 1000 };
}
