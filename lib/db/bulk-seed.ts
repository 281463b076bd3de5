// A realistic data set at state scale for the benchmark (issue #14): N complaints over five years
// with their history, loaded with COPY in one transaction. `npm run seed:bulk` (scripts/seed-bulk.ts)
// is the command; the bench (scripts/bench.ts) imports `seedBulk` and reads the fixtures file it
// writes (known complaint numbers with their IC and name, a common and a rare word, the officers).
//
// Everything the app would have written is written the same way: IC numbers encrypted and hashed
// with the app's keys (lib/identity), complaint numbers in the app's format, due times from the
// service clock (lib/sla/clock.ts), history events typed by EventData, officers created by
// lib/staff with an argon2 hash. Postgres computes the generated search columns itself.
//
// Plain Node (no `server-only`): the CLI and the bench run it outside Next.js.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/postgres-js';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { formatMalaysia } from '@/lib/calendar/format';
import { malaysiaDay, startOfMalaysiaDay } from '@/lib/calendar/days';
import { clockRuns } from '@/lib/complaints/status';
import { SYSTEM_ACTOR } from '@/lib/complaints/transitions';
import { getSetting } from '@/lib/env';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { calendarFingerprint, STORED_DURATIONS_KEY, workingDurations } from '@/lib/reports/stored-durations';
import { getAgencySettings } from '@/lib/settings/agency';
import { complaintDueTimes } from '@/lib/sla/clock';
import { loadClockContext } from '@/lib/sla/context';
import { createStaffUser, type StaffRole } from '@/lib/staff/users';
import * as schema from './schema';
import type { ComplaintPriority, ComplaintStatus, EventData } from './schema';

export type BulkSeedOptions = {
  databaseUrl: string;
  /** How many complaints to write. */
  complaints: number;
  /** The random seed: the same seed writes the same texts, people and statuses. */
  seed?: number;
  /** Replace the complaints already there (complaint-side tables emptied). Without it a database with complaints is refused. */
  force?: boolean;
  /** Where the fixtures JSON goes; default `<DATA_DIR>/bench/fixtures.json`. */
  fixturesPath?: string;
  /** The app's PII_KEY; default the environment's. */
  piiKey?: string;
  /** Years of history up to `now` (default 5). */
  years?: number;
  now?: Date;
  log?: (message: string) => void;
};

export type KnownComplaint = { number: string; ic: string; name: string; status: ComplaintStatus; title: string };

export type BulkFixtures = {
  /** Where this file was written. */
  path: string;
  seededAt: string;
  seed: number;
  complaints: number;
  events: number;
  years: number;
  database: { host: string; port: number; database: string };
  statusCounts: Record<ComplaintStatus, number>;
  /** In about a quarter of all complaints (title or description). */
  commonWord: string;
  commonWordComplaints: number;
  /** In about 0.01 % of complaints (at least a few). */
  rareWord: string;
  rareWordComplaints: number;
  /** Officers who can sign in with `password` (argon2 hashes, as lib/staff writes them). */
  password: string;
  officers: { id: string; email: string; name: string; role: StaffRole }[];
  /** Complaints whose complainant is known: the plaintext IC (12 digits) and name as filed. */
  known: KnownComplaint[];
  /** IC numbers with every complaint number filed under them. */
  knownIcs: { ic: string; name: string; numbers: string[] }[];
  /** Milliseconds per phase. */
  timings: Record<string, number>;
};

export const BENCH_PASSWORD = 'Bench-iSPEKS-kata-laluan-2026';
export const COMMON_WORD = 'baucar';
const RARE_WORDS = ['pampasan', 'royalti', 'wakaf'] as const;
/** Settings row that marks a database as seeded by this module (and how). */
export const BULK_SEED_MARKER = 'bench_seed';

// ---------------------------------------------------------------------------------------------
// Random numbers: mulberry32, fast and seedable (not for secrets: IVs still come from node:crypto).

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------------------------------------
// Vocabulary: iSPEKS words. Neither the common word nor the rare words appear in these lists.

const FIRST_M = ['Ahmad', 'Mohd', 'Muhammad', 'Abdul', 'Azman', 'Faizal', 'Hafiz', 'Hisham', 'Ismail', 'Kamarul', 'Zulkifli', 'Rosli', 'Nik', 'Wan', 'Che', 'Roslan', 'Shahrul', 'Syafiq', 'Amirul', 'Khairul', 'Rahim', 'Azlan', 'Firdaus', 'Ikhwan', 'Zaki'];
const FIRST_F = ['Nur', 'Siti', 'Nurul', 'Aisyah', 'Fatimah', 'Zainab', 'Rohani', 'Noraini', 'Azizah', 'Hasnah', 'Salmah', 'Farah', 'Nadia', 'Izzati', 'Syazwani', 'Hidayah', 'Rosnah', 'Mazlina', 'Suhaila', 'Wan Nor'];
const FATHER = ['Abdullah', 'Ibrahim', 'Ismail', 'Hassan', 'Hussin', 'Yusof', 'Omar', 'Ali', 'Ahmad', 'Mohamad', 'Daud', 'Salleh', 'Mat', 'Awang', 'Musa', 'Harun', 'Sulaiman', 'Zakaria', 'Mahmud', 'Razak', 'Nordin', 'Jusoh', 'Deraman', 'Mamat', 'Yaacob'];
const EMAIL_HOSTS = ['gmail.com', 'yahoo.com', 'kelantan.gov.my', 'outlook.com'];

const OBJECTS = ['penyata', 'jurnal', 'pemiutang', 'vot', 'akaun', 'gaji', 'bayaran', 'invois', 'resit', 'pesanan tempatan', 'kontrak', 'inden', 'waran peruntukan', 'lejar', 'aset', 'inventori', 'kod akaun', 'kod barang', 'panjar wang runcit', 'deposit', 'hasil', 'cek', 'EFT', 'pelarasan', 'baki', 'pembekal', 'laporan', 'tuntutan', 'elaun', 'potongan', 'ID pengguna', 'kata laluan', 'peranan pengguna', 'modul terimaan', 'perolehan', 'nota debit', 'nota kredit', 'akruan', 'susut nilai', 'penyesuaian bank'];
const PROBLEMS = ['Tidak dapat menjana', 'Ralat semasa mengemas kini', 'Gagal menyimpan', 'Tidak dapat melihat', 'Masalah meluluskan', 'Tidak dapat mencetak', 'Status tidak berubah bagi', 'Amaun salah pada', 'Tidak dapat membatalkan', 'Lambat memaparkan', 'Tidak dapat memuat naik', 'Pertanyaan berkaitan', 'Permohonan semakan', 'Tidak dapat mengakses', 'Pendua pada'];
const CONTEXTS = ['bagi bulan {m}', 'untuk tahun kewangan {y}', 'di PTJ kami', 'selepas kemas kini sistem', 'sejak minggu lepas', 'bagi vot B{n}', 'untuk pembekal tempatan', 'pada skrin utama', 'semasa tutup akaun bulanan', 'bagi bayaran balik'];
const MONTHS = ['Januari', 'Februari', 'Mac', 'April', 'Mei', 'Jun', 'Julai', 'Ogos', 'September', 'Oktober', 'November', 'Disember'];
const SENTENCES = [
  'Saya cuba {verb} {obj} tetapi sistem memaparkan mesej ralat.',
  'Masalah ini berlaku sejak {d} hari lepas dan menjejaskan urusan harian pejabat.',
  'Skrin menjadi kosong selepas butang hantar ditekan.',
  'Rekod {obj} tidak muncul dalam senarai walaupun telah disahkan oleh penyelia.',
  'Amaun yang dipaparkan berbeza daripada dokumen sokongan yang dikemukakan.',
  'Pegawai kewangan kami telah mencuba beberapa kali tanpa kejayaan.',
  'Mohon bantuan pihak tuan untuk menyemak dan membetulkan {obj} ini.',
  'Tarikh akhir penghantaran ialah hujung bulan ini.',
  'Nombor rujukan dokumen ialah {ref}.',
  'Kami telah mengosongkan cache pelayar tetapi masalah masih berlaku.',
  'Perkara ini melibatkan {obj} untuk {n} orang penerima.',
  'Sila maklumkan jika terdapat maklumat tambahan yang diperlukan.',
  'Pengguna lain di PTJ yang sama tidak menghadapi masalah ini.',
  'Ralat berlaku ketika proses kelulusan peringkat kedua.',
];
const VERBS = ['menjana', 'meluluskan', 'mengemas kini', 'mencetak', 'menyimpan', 'menghantar', 'menyemak'];
const REPLIES = [
  'Terima kasih atas aduan tuan/puan. Kami sedang menyemak perkara ini bersama pasukan teknikal.',
  'Masalah telah dikenal pasti dan pembetulan telah dibuat. Sila cuba semula.',
  'Mohon kemukakan tangkapan skrin mesej ralat untuk semakan lanjut.',
  'Rekod telah dikemas kini di pangkalan data. Sila log keluar dan log masuk semula.',
  'Peranan pengguna telah ditambah. Tuan/puan kini boleh mengakses modul tersebut.',
  'Sila pastikan kod akaun yang digunakan masih aktif bagi tahun kewangan semasa.',
  'Aduan telah dirujuk kepada pembangun sistem untuk tindakan selanjutnya.',
  'Amaun telah dibetulkan selepas semakan dengan dokumen sokongan.',
];
const CLOSING_REASONS = [
  'Masalah selesai selepas panggilan telefon dengan pengadu.',
  'Aduan berulang; telah diselesaikan dalam aduan terdahulu.',
  'Isu telah diselesaikan melalui kemas kini sistem.',
  'Tiada maklum balas daripada pengadu selepas penjelasan diberikan.',
];
const EXTRA_PTJ = [
  ['MPKB01', 'Majlis Perbandaran Kota Bharu Bandar Raya Islam'],
  ['PKINK01', 'Perbadanan Kemajuan Iktisad Negeri Kelantan'],
  ['YIK01', 'Yayasan Islam Kelantan'],
  ['PPNK01', 'Perbadanan Perpustakaan Awam Kelantan'],
  ['LKIM01', 'Lembaga Kemajuan Kelantan Selatan'],
] as const;
const OFFICER_COUNT = 40;
const SUPERVISORS = 4;

// ---------------------------------------------------------------------------------------------
// People: complainant p → a valid, unique MyKad number, a name, a phone and an email. A tenth of
// complaints come from a small pool of frequent filers (PTJ finance clerks), the rest from many.

const FREQUENT = 1000;
// Birth dates 1960–2001 as yymmdd; p → (date p % n, serial p / n) is one-to-one.
const BIRTH_DATES: string[] = (() => {
  const out: string[] = [];
  for (let t = Date.UTC(1960, 0, 1); t < Date.UTC(2002, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(2, 10).replace(/-/g, ''));
  return out;
})();
const PLACES = ['03', '03', '03', '03', '11', '01', '06', '14', '10', '02'];

type Person = { ic: string; name: string; phone: string; email: string };
function person(p: number): Person {
  const r = rng(p * 2654435761 + 7);
  const date = BIRTH_DATES[p % BIRTH_DATES.length];
  const serial = Math.floor(p / BIRTH_DATES.length);
  const male = r.chance(0.5);
  const first = male ? r.pick(FIRST_M) : r.pick(FIRST_F);
  const father = r.pick(FATHER);
  const name = `${first} ${male ? 'bin' : 'binti'} ${father}`;
  // The last digit of a MyKad says the sex: odd for men, even for women.
  const last = String(serial % 500).padStart(3, '0') + String((r.int(5) * 2 + (male ? 1 : 0)) % 10);
  const ic = `${date}${r.pick(PLACES)}${last}`;
  const phone = `01${r.pick(['2', '3', '7', '9'])}${String(r.int(10_000_000)).padStart(7, '0')}`;
  const email = `${first.toLowerCase().replace(/ /g, '')}.${father.toLowerCase()}${p}@${r.pick(EMAIL_HOSTS)}`;
  return { ic, name, phone, email };
}

// ---------------------------------------------------------------------------------------------
// COPY text format.

const esc = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s);
const NUL = '\\N';
const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number) => (ms > 0 ? iso(ms) : NUL);

/** Time-ordered UUIDs (v7 layout) so the primary key grows at its end while loading. */
function uuidAt(ms: number, r: Rng): string {
  const h = ms.toString(16).padStart(12, '0');
  const x = (n: number) => r.int(16 ** n).toString(16).padStart(n, '0');
  return `${h.slice(0, 8)}-${h.slice(8)}-7${x(3)}-${(8 + r.int(4)).toString(16)}${x(3)}-${x(6)}${x(6)}`;
}

/** A writable COPY stream with backpressure and batching. */
class CopyWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}
  async row(line: string) {
    this.buf.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async end() {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Malaysia's offset (UTC+8 all year since 1982), for formatting a million numbers fast; checked against lib/calendar. */
const MYT = 8 * HOUR;

/** `yyMMddHHmmss` in Malaysia time, as lib/complaints/number.ts writes it. */
function myStamp(ms: number): string {
  const d = new Date(ms + MYT);
  const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${p2(d.getUTCFullYear() % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`;
}

/**
 * The service clock's due times for a million filing instants: lib/sla/clock.ts walks the working
 * days of each one (~0.4 ms a complaint here), so the same working calendar is laid out once as
 * cumulative working time per Malaysia day, and each due time is a binary search. Checked against
 * complaintDueTimes itself for one complaint in 500 (a mismatch stops the seed).
 */
class FastClock {
  private readonly day0: number;
  private readonly open: Float64Array;
  private readonly len: Float64Array;
  private readonly cumEnd: Float64Array; // working ms up to the end of day k
  constructor(
    private readonly ctx: Awaited<ReturnType<typeof loadClockContext>>,
    from: number,
    to: number,
  ) {
    this.day0 = startOfMalaysiaDay(malaysiaDay(new Date(from))).getTime();
    const days = Math.ceil((to - this.day0) / DAY) + 1;
    this.open = new Float64Array(days);
    this.len = new Float64Array(days);
    this.cumEnd = new Float64Array(days);
    const { weekend, hours, holidays } = ctx.cal;
    let cum = 0;
    for (let k = 0; k < days; k++) {
      const midnight = this.day0 + k * DAY;
      const wall = new Date(midnight + MYT);
      const working = !weekend.includes(wall.getUTCDay()) && !holidays.has(wall.toISOString().slice(0, 10));
      this.open[k] = midnight + hours.start * MINUTE;
      this.len[k] = working ? (hours.end - hours.start) * MINUTE : 0;
      cum += this.len[k];
      this.cumEnd[k] = cum;
    }
  }
  private before(t: number): number {
    const k = Math.floor((t - this.day0) / DAY);
    const startOfDay = k > 0 ? this.cumEnd[k - 1] : 0;
    return startOfDay + Math.min(this.len[k], Math.max(0, t - this.open[k]));
  }
  /** lib/calendar/working.ts workingMinutesBetween. */
  minutesBetween(from: number, to: number): number {
    return to > from ? Math.floor((this.before(to) - this.before(from)) / MINUTE) : 0;
  }
  /** lib/calendar/working.ts addWorkingMinutes, for minutes > 0. */
  add(from: number, minutes: number): number {
    const target = this.before(from) + minutes * MINUTE;
    let lo = Math.floor((from - this.day0) / DAY);
    let hi = this.cumEnd.length - 1;
    if (this.cumEnd[hi] < target) throw new RangeError('due time beyond the calendar laid out');
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumEnd[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.open[lo] + (target - (this.cumEnd[lo] - this.len[lo]));
  }
  due(created: number, categoryId: number, priority: ComplaintPriority, check: boolean) {
    const targets = this.ctx.targets(categoryId, priority);
    const resolution = targets.resolutionDays * (this.ctx.cal.hours.end - this.ctx.cal.hours.start);
    const due = {
      firstResponseDueAt: this.add(created, targets.firstResponseMinutes),
      resolutionWarnAt: this.add(created, Math.floor((resolution * this.ctx.nearlyPercent) / 100)),
      resolutionDueAt: this.add(created, resolution),
    };
    if (check) {
      const app = complaintDueTimes(this.ctx.cal, { createdAt: new Date(created) }, targets, 0, this.ctx.nearlyPercent, this.ctx.appealResolutionDays);
      if (app.firstResponseDueAt.getTime() !== due.firstResponseDueAt || app.resolutionWarnAt.getTime() !== due.resolutionWarnAt || app.resolutionDueAt.getTime() !== due.resolutionDueAt) {
        throw new Error(`due times differ from lib/sla/clock.ts for a complaint filed ${new Date(created).toISOString()}`);
      }
    }
    return due;
  }
}

type Facts = {
  ids: string[];
  created: Float64Array;
  replied: Float64Array; // first public reply (0 = none)
  closed: Float64Array; // auto-closing time (0 = none)
  status: Uint8Array;
  route: Uint8Array; // 0 plain, 1 assigned at filing, 2 closed by staff directly, 3 closed automatically
  officer: Uint8Array;
  person: Int32Array;
};

const STATUS_CODES: ComplaintStatus[] = ['baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai', 'ditutup'];

export async function seedBulk(opts: BulkSeedOptions): Promise<BulkFixtures> {
  const log = opts.log ?? ((m: string) => console.log(`[seed:bulk] ${m}`));
  const n = Math.floor(opts.complaints);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--complaints must be a whole number ≥ 1 (got ${opts.complaints})`);
  const seed = opts.seed ?? 20261130;
  const years = opts.years ?? 5;
  const now = (opts.now ?? new Date()).getTime();
  // The key the app uses, or the ICs would not decrypt: the caller's, else the environment's (lib/env.ts).
  const keys = piiKeys(opts.piiKey ?? getSetting('PII_KEY'));
  const url = new URL(opts.databaseUrl);
  const target = { host: url.hostname, port: Number(url.port || 5432), database: decodeURIComponent(url.pathname.slice(1)) };
  log(`target database: ${target.host}:${target.port}/${target.database}`);

  const timings: Record<string, number> = {};
  let t = Date.now();
  let cpu = process.cpuUsage();
  let backendPid = 0;
  let backendCpu = 0;
  const lap = (name: string) => {
    const at = Date.now();
    const used = process.cpuUsage(cpu);
    const pg = backendPid ? processCpuSeconds(backendPid) : 0;
    timings[name] = at - t;
    // CPU seconds say more than wall time on a machine shared with others.
    log(`${name}: ${((at - t) / 1000).toFixed(1)} s (CPU: seed ${((used.user + used.system) / 1e6).toFixed(1)} s${backendPid ? `, postgres ${(pg - backendCpu).toFixed(1)} s` : ''})`);
    t = at;
    cpu = process.cpuUsage();
    backendCpu = pg;
  };
  const started = Date.now();

  const sql = postgres(opts.databaseUrl, { max: 1, onnotice: () => {}, connection: { statement_timeout: 0 } });
  const db = drizzle(sql, { schema });
  try {
    const [{ count }] = await sql<{ count: string }[]>`select count(*)::text as count from (select 1 from complaints limit 1) x`;
    if (count !== '0' && !opts.force) {
      throw new Error(`${target.host}:${target.port}/${target.database} already holds complaints: run with --force to replace them`);
    }

    // Reference data: the seed's categories and PTJ, a few more PTJ, 40 officers.
    await db.insert(schema.ptj).values(EXTRA_PTJ.map(([code, name]) => ({ code, name }))).onConflictDoNothing();
    const cats = await db.select({ id: schema.categories.id, slug: schema.categories.slug }).from(schema.categories).where(eq(schema.categories.active, true));
    const ptjs = await db.select({ id: schema.ptj.id, name: schema.ptj.name }).from(schema.ptj).where(eq(schema.ptj.active, true));
    if (cats.length === 0 || ptjs.length === 0) throw new Error('no categories or PTJ: migrate and seed the database first (npm start or npm run db:migrate)');
    const officers = await ensureOfficers(db, cats.map((c) => c.id));
    const agency = await getAgencySettings(db);
    const clock = await loadClockContext(db);
    lap('reference data and officers');

    // Day by day from `years` ago to now, more on working days and more in recent years.
    const first = startOfMalaysiaDay(malaysiaDay(new Date(now - years * 365.25 * DAY))).getTime();
    const dayStarts: number[] = [];
    const weights: number[] = [];
    for (let d = first; d < now; d += DAY) {
      const weekday = new Date(d + MYT).getUTCDay();
      const off = clock.cal.weekend.includes(weekday);
      dayStarts.push(d);
      weights.push((off ? 0.2 : 1) * (1 + (0.6 * (d - first)) / (now - first)));
    }
    const total = weights.reduce((a, b) => a + b, 0);
    const fastClock = new FastClock(clock, first, now + 3 * 365 * DAY);

    const r = rng(seed);
    const rs = rng(seed ^ 0x5bd1e995); // statuses and times, apart from texts
    const facts: Facts = {
      ids: new Array<string>(n),
      created: new Float64Array(n),
      replied: new Float64Array(n),
      closed: new Float64Array(n),
      status: new Uint8Array(n),
      route: new Uint8Array(n),
      officer: new Uint8Array(n),
      person: new Int32Array(n),
    };
    const people = Math.max(10, Math.floor(n * 0.7));
    const rareEvery = Math.max(1, Math.min(10_000, Math.floor(n / 5)));
    const rareWord = RARE_WORDS[0];
    const known: KnownComplaint[] = [];
    const knownIcs = new Map<number, { ic: string; name: string; numbers: string[] }>();
    const isKnownPerson = (p: number) => p < 20 || (p >= FREQUENT && p < FREQUENT + 200);
    const statusCounts = Object.fromEntries(STATUS_CODES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
    let commonCount = 0;
    let rareCount = 0;
    const usedTails = new Set<number>();
    const piiOf = new Map<number, [string, string]>();
    let lastSecond = -1;

    const begin = Date.now();
    await sql.begin(async (tx) => {
      backendPid = Number((await tx`select pg_backend_pid() as pid`)[0].pid);
      backendCpu = processCpuSeconds(backendPid);
      await tx`set local maintenance_work_mem = '256MB'`;
      await tx`set local max_parallel_maintenance_workers = 2`;
      await tx`set local synchronous_commit = off`;
      const saved = await dropForLoad(tx, opts.force === true, log);
      lap('dropped indexes and constraints');

      // --- complaints ---
      const cw = new CopyWriter(
        await tx`copy complaints (id, number, submission_key, status, name, ic_encrypted, ic_hash, ic_last4, ptj_id, ptj_other, phone, email, whatsapp_consent, category_id, title, description, assigned_to, priority, first_response_due_at, resolution_due_at, resolution_warn_at, first_responded_at, clock_paused_at, clock_paused_minutes, first_response_minutes, resolution_minutes, created_at, updated_at, closed_at) from stdin with (freeze)`.writable(),
      );
      let i = 0;
      let cum = 0;
      for (let d = 0; d < dayStarts.length && i < n; d++) {
        cum += weights[d];
        const upto = d === dayStarts.length - 1 ? n : Math.min(n, Math.round((cum / total) * n));
        const k = upto - i;
        if (k <= 0) continue;
        const dayEnd = Math.min(dayStarts[d] + DAY, now - MINUTE);
        const span = dayEnd - dayStarts[d];
        const times: number[] = [];
        for (let j = 0; j < k; j++) {
          // Four in five during office hours (08:00–17:00), the rest any time of the day.
          const inHours = rs.chance(0.8) && span >= 17 * HOUR;
          const offset = inHours ? 8 * HOUR + rs.next() * 9 * HOUR : rs.next() * span;
          times.push(Math.floor(dayStarts[d] + Math.min(offset, span - 1)));
        }
        times.sort((a, b) => a - b);
        for (const created of times) {
          await cw.row(complaintRow(i, created));
          i++;
          if (i % 100_000 === 0) log(`… ${i} complaints`);
        }
      }
      await cw.end();
      piiOf.clear();
      lap(`copied ${n} complaints`);

      // --- events ---
      const ew = new CopyWriter(
        await tx`copy complaint_events (complaint_id, type, body, data, from_status, to_status, author_type, author_user_id, author_name, internal, created_at) from stdin with (freeze)`.writable(),
      );
      let events = 0;
      const re = rng(seed ^ 0x27d4eb2f);
      for (let j = 0; j < n; j++) events += await eventRows(ew, j, re);
      await ew.end();
      facts.ids.length = 0;
      lap(`copied ${events} events`);

      await restoreAfterLoad(tx, saved, log, lap);
      // Steady state for the service-level schedules (lib/sla/escalation.ts, reminders.ts): every
      // notice a complaint's past due times called for was sent when it came due, as a desk that
      // has run for years has done. Without this the first schedule runs after the seed send
      // tens of thousands of notices, and a bench measures the app under that storm.
      const running = sql.unsafe(STATUS_CODES.filter(clockRuns).map((x) => `'${x}'`).join(', '));
      const at = new Date(now).toISOString();
      await tx`insert into sla_notices (complaint_id, kind, due_at, sent_at)
        select id, 'breached', resolution_due_at, resolution_due_at from complaints
         where status in (${running}) and resolution_due_at < ${at}::timestamptz
        union all
        select id, 'first_response_late', first_response_due_at, first_response_due_at from complaints
         where status in (${running}) and first_responded_at is null and first_response_due_at < ${at}::timestamptz
        union all
        select id, 'nearly_late', resolution_warn_at, resolution_warn_at from complaints
         where status in (${running}) and resolution_warn_at <= ${at}::timestamptz and resolution_due_at >= ${at}::timestamptz
        union all
        select id, 'reminder', clock_paused_at, clock_paused_at from complaints
         where status = 'menunggu_pengadu' and clock_paused_at < ${at}::timestamptz - interval '3 days'
        on conflict do nothing`;
      lap('service-level notices already sent');
      // Every complaint now stored is the seed's (COPY needs empty tables), each with its working
      // minutes computed with today's calendar: the reports may read them (lib/reports/stored-durations.ts).
      const filled = { fingerprint: calendarFingerprint(clock.cal), filledAt: new Date(now).toISOString() };
      await tx`insert into settings (key, value) values (${STORED_DURATIONS_KEY}, ${JSON.stringify(filled)}::jsonb)
               on conflict (key) do update set value = excluded.value, updated_at = now()`;
      await tx`insert into settings (key, value) values (${BULK_SEED_MARKER}, ${JSON.stringify({ complaints: n, events, seed, at: new Date(now).toISOString() })}::jsonb)
               on conflict (key) do update set value = excluded.value, updated_at = now()`;
      timings.events = events;
    });
    const events = timings.events;
    delete timings.events;
    lap('committed');
    await sql`analyze complaints`;
    await sql`analyze complaint_events`;
    lap('analyzed');
    timings.total = Date.now() - started;
    timings.load = Date.now() - begin;
    log(`${n} complaints and ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const fixtures: BulkFixtures = {
      path: '',
      seededAt: new Date(now).toISOString(),
      seed,
      complaints: n,
      events,
      years,
      database: target,
      statusCounts,
      commonWord: COMMON_WORD,
      commonWordComplaints: commonCount,
      rareWord,
      rareWordComplaints: rareCount,
      password: BENCH_PASSWORD,
      officers,
      known,
      knownIcs: [...knownIcs.values()],
      timings,
    };
    const file = path.resolve(opts.fixturesPath ?? path.join(getSetting('DATA_DIR'), 'bench', 'fixtures.json'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fixtures.path = file;
    // Plaintext (made-up) IC numbers and the bench password: owner-only, like everything under ./data.
    fs.writeFileSync(file, JSON.stringify(fixtures, null, 2), { mode: 0o600 });
    log(`fixtures: ${file}`);
    return fixtures;

    // ---- row builders (closures over the state above) ----

    function complaintRow(i: number, created: number): string {
      // Status by age: most recent complaints are open, old ones closed; ~17 % open over five years.
      const age = (now - created) / (now - first);
      const pOpen = 0.76 * Math.exp(-age / 0.2);
      const u = rs.next();
      let status: ComplaintStatus;
      if (u < pOpen) {
        const v = rs.next();
        status = v < 0.35 ? 'baru' : v < 0.85 ? 'dalam_tindakan' : 'menunggu_pengadu';
      } else status = rs.chance(0.28 / 0.83) ? 'selesai' : 'ditutup';
      statusCounts[status]++;
      // The first reply a few hours to a few working days later (never after now).
      let replied = 0;
      let closedAuto = 0;
      let route = 0;
      if (status !== 'baru') {
        const delay = HOUR + Math.floor(-Math.log(1 - rs.next()) * 1.5 * DAY);
        replied = Math.min(created + delay, now - MINUTE);
        if (replied <= created) replied = created + Math.max(1000, Math.floor((now - created) / 2));
      }
      if (status === 'ditutup') {
        // Closed by the schedule two weeks after resolution, or by an officer with a reason.
        if (rs.chance(0.2) && replied + 14 * DAY < now) {
          route = 3;
          closedAuto = replied + 14 * DAY + Math.floor(rs.next() * HOUR);
        } else route = 2;
      } else if (status === 'baru' && rs.chance(0.3)) route = 1;
      const officer = rs.int(OFFICER_COUNT);
      const assigned = status !== 'baru' || route === 1;

      // Complainant.
      const p = rs.chance(0.1) ? rs.int(FREQUENT) : FREQUENT + rs.int(people);
      const who = person(p);

      // Text: the common word in a quarter of complaints, a rare word in a few.
      const common = r.chance(0.25);
      const rare = i % rareEvery === rareEvery - 1;
      if (common) commonCount++;
      if (rare) rareCount++;
      const obj = r.pick(OBJECTS);
      const titleObj = common && r.chance(0.5) ? COMMON_WORD : obj;
      let title = `${r.pick(PROBLEMS)} ${titleObj} ${r.pick(CONTEXTS)}`
        .replace('{m}', r.pick(MONTHS))
        .replace('{y}', String(new Date(created + MYT).getUTCFullYear()))
        .replace('{n}', String(10 + r.int(90)));
      if (rare) title += ` (${rareWord})`;
      const parts: string[] = [];
      const sentences = 2 + r.int(3);
      for (let s = 0; s < sentences; s++) {
        parts.push(
          r.pick(SENTENCES)
            .replace('{verb}', r.pick(VERBS))
            .replace('{obj}', obj)
            .replace('{d}', String(2 + r.int(12)))
            .replace('{n}', String(2 + r.int(40)))
            .replace('{ref}', `${r.pick(['PT', 'IV', 'JR', 'RS'])}${new Date(created + MYT).getUTCFullYear()}${String(r.int(100000)).padStart(5, '0')}`),
        );
      }
      if (common && titleObj !== COMMON_WORD) parts.push(`Nombor ${COMMON_WORD} berkaitan ialah B${String(r.int(1_000_000)).padStart(6, '0')}.`);
      const description = parts.join(' ');

      // Number: prefix + Malaysia yyMMddHHmmss + three digits, unique within its second.
      const second = Math.floor(created / 1000);
      if (second !== lastSecond) {
        usedTails.clear();
        lastSecond = second;
      }
      let tail = rs.int(1000);
      while (usedTails.has(tail)) tail = (tail + 1) % 1000;
      usedTails.add(tail);
      const number = `${agency.complaintPrefix}${myStamp(created)}${String(tail).padStart(3, '0')}`;
      if (i % 10_000 === 0 && number.slice(agency.complaintPrefix.length, -3) !== formatMalaysia(new Date(created), 'yyMMddHHmmss')) {
        throw new Error('complaint number time does not match lib/calendar (Malaysia time)');
      }

      const id = uuidAt(created, rs);
      facts.ids[i] = id;
      facts.created[i] = created;
      facts.replied[i] = replied;
      facts.closed[i] = closedAuto;
      facts.status[i] = STATUS_CODES.indexOf(status);
      facts.route[i] = route;
      facts.officer[i] = officer;
      facts.person[i] = p;

      if (isKnownPerson(p)) {
        const k = knownIcs.get(p) ?? { ic: who.ic, name: who.name, numbers: [] };
        k.numbers.push(number);
        knownIcs.set(p, k);
        if (known.length < 500) known.push({ number, ic: who.ic, name: who.name, status, title });
      }

      const cat = cats[rs.int(cats.length)];
      const otherPtj = rs.chance(0.05);
      const ptjRow = ptjs[rs.int(ptjs.length)];
      const pr = rs.next();
      const priority: ComplaintPriority = pr < 0.1 ? 'rendah' : pr < 0.85 ? 'biasa' : pr < 0.97 ? 'tinggi' : 'kritikal';
      const due = fastClock.due(created, cat.id, priority, i % 500 === 0);
      // The clock pauses at the reply that waits for the complainant or resolves; a direct closing stops it.
      const pausedAt = status === 'menunggu_pengadu' || status === 'selesai' || route === 3 ? replied : 0;
      const closedAt = status === 'ditutup' ? (route === 3 ? closedAuto : replied) : 0;
      const firstResponded = status !== 'baru' && route !== 2 ? replied : 0;
      // The reports' stored working minutes (lib/reports/stored-durations.ts workingDurations).
      const resolvedAt = status === 'ditutup' ? Math.min(closedAt, pausedAt || closedAt) : status === 'selesai' ? pausedAt : 0;
      const firstMinutes = firstResponded ? fastClock.minutesBetween(created, firstResponded) : null;
      const resolutionMinutes = resolvedAt ? fastClock.minutesBetween(created, resolvedAt) : null;
      if (i % 500 === 0) {
        const inputs = { createdAt: new Date(created), firstRespondedAt: firstResponded ? new Date(firstResponded) : null, status, closedAt: closedAt ? new Date(closedAt) : null, clockPausedAt: pausedAt ? new Date(pausedAt) : null, clockPausedMinutes: 0 };
        const app = workingDurations(clock.cal, inputs);
        if (app.firstResponseMinutes !== firstMinutes || app.resolutionMinutes !== resolutionMinutes) {
          throw new Error(`working minutes differ from lib/reports/stored-durations.ts for a complaint filed ${new Date(created).toISOString()}`);
        }
      }
      const updated = Math.max(created, replied, closedAuto);
      const ic = who.ic;
      // One ciphertext and hash per person (a person's later complaints reuse them): half the crypto.
      let pii = piiOf.get(p);
      if (!pii) {
        pii = [encryptPii(ic, keys.enc), hashPii(ic, keys.mac)];
        piiOf.set(p, pii);
      }
      return [
        id,
        number,
        uuidAt(created, rs),
        status,
        esc(who.name),
        pii[0],
        pii[1],
        ic.slice(-4),
        otherPtj ? NUL : String(ptjRow.id),
        otherPtj ? 'Pejabat Daerah Kecil' : NUL,
        who.phone,
        who.email,
        rs.chance(0.3) ? 't' : 'f',
        String(cat.id),
        esc(title),
        esc(description),
        assigned ? officers[officer].id : NUL,
        priority,
        iso(due.firstResponseDueAt),
        iso(due.resolutionDueAt),
        iso(due.resolutionWarnAt),
        isoOrNull(firstResponded),
        isoOrNull(pausedAt),
        '0',
        firstMinutes === null ? NUL : String(firstMinutes),
        resolutionMinutes === null ? NUL : String(resolutionMinutes),
        iso(created),
        iso(updated),
        isoOrNull(closedAt),
      ].join('\t') + '\n';
    }

    async function eventRows(w: CopyWriter, j: number, re: Rng): Promise<number> {
      const id = facts.ids[j];
      const created = facts.created[j];
      const replied = facts.replied[j];
      const status = STATUS_CODES[facts.status[j]];
      const route = facts.route[j];
      const o = officers[facts.officer[j]];
      const line = (type: string, body: string | null, data: EventData | null, from: string | null, to: string | null, authorType: string, authorId: string | null, authorName: string, internal: boolean, at: number) =>
        `${id}\t${type}\t${body === null ? NUL : esc(body)}\t${data === null ? NUL : esc(JSON.stringify(data))}\t${from ?? NUL}\t${to ?? NUL}\t${authorType}\t${authorId ?? NUL}\t${esc(authorName)}\t${internal ? 't' : 'f'}\t${iso(at)}\n`;
      // The complainant's name on `submitted` is the name on the complaint (the person made again from p).
      let count = 1;
      await w.row(line('submitted', null, null, null, 'baru', 'complainant', null, person(facts.person[j]).name, false, created));
      if (route === 1) {
        await w.row(line('assignment', null, { kind: 'assigned', assigneeId: o.id, assigneeName: o.name, previousAssigneeId: null, routing: 'round_robin' }, null, null, 'system', null, SYSTEM_ACTOR.name, true, created));
        count++;
      }
      if (status === 'baru') return count;
      if (route === 2) {
        await w.row(line('closed', re.pick(CLOSING_REASONS), null, 'baru', 'ditutup', 'staff', o.id, o.name, false, replied));
        return count + 1;
      }
      const to = status === 'ditutup' ? 'selesai' : status;
      await w.row(line('public_reply', re.pick(REPLIES), null, null, null, 'staff', o.id, o.name, false, replied));
      await w.row(line('status_change', null, null, 'baru', to, 'staff', o.id, o.name, false, replied));
      count += 2;
      if (route === 3) {
        await w.row(line('closed', null, { kind: 'closed_automatically', reason: 'resolved', days: 14 }, 'selesai', 'ditutup', 'system', null, SYSTEM_ACTOR.name, false, facts.closed[j]));
        count++;
      }
      return count;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// ---------------------------------------------------------------------------------------------

/** The 40 officers (36 pegawai, 4 penyelia), created by lib/staff once; a later run reuses them. */
async function ensureOfficers(db: ReturnType<typeof drizzle<typeof schema>>, categoryIds: number[]): Promise<BulkFixtures['officers']> {
  const wanted = Array.from({ length: OFFICER_COUNT }, (_, k) => {
    const r = rng(9000 + k);
    const male = k % 2 === 0;
    const name = `${male ? r.pick(FIRST_M) : r.pick(FIRST_F)} ${male ? 'bin' : 'binti'} ${r.pick(FATHER)}`;
    const role: StaffRole = k < SUPERVISORS ? 'penyelia' : 'pegawai';
    return { name, email: `pegawai${String(k + 1).padStart(2, '0')}@bench.ispeks.local`, role };
  });
  const existing = await db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, role: schema.users.role })
    .from(schema.users)
    .where(inArray(schema.users.email, wanted.map((w) => w.email)));
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  const created = await Promise.all(
    wanted.filter((w) => !byEmail.has(w.email)).map((w) => createStaffUser(db, { ...w, password: BENCH_PASSWORD })),
  );
  for (const u of created) byEmail.set(u.email, u);
  const officers = wanted.map((w) => byEmail.get(w.email)!).map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role as StaffRole }));
  // Each category looked after by five officers (told of feedback on its unassigned complaints).
  const links = categoryIds.flatMap((categoryId, c) => Array.from({ length: 5 }, (_, j) => ({ categoryId, userId: officers[(c * 4 + j) % OFFICER_COUNT].id })));
  await db.insert(schema.categoryOfficers).values(links).onConflictDoNothing();
  return officers;
}

type Saved = { indexes: string[]; constraints: { table: string; name: string; def: string }[] };

/**
 * Before the load, in the load's transaction: with --force the complaint-side rows go (kb articles
 * keep their text but lose the link to a source complaint); the secondary indexes and the foreign
 * keys and unique constraints of complaints and their events are dropped, exactly as defined,
 * and both tables are emptied so COPY can write frozen rows. `restoreAfterLoad` puts every one back
 * from the same definitions; if anything fails the transaction leaves the database as it was.
 */
async function dropForLoad(tx: postgres.TransactionSql, force: boolean, log: (m: string) => void): Promise<Saved> {
  const constraints = await tx<{ table: string; name: string; def: string }[]>`
    select con.conrelid::regclass::text as table, con.conname as name, pg_get_constraintdef(con.oid) as def
    from pg_constraint con
    where (con.contype = 'f' and (con.conrelid in ('complaints'::regclass, 'complaint_events'::regclass) or con.confrelid in ('complaints'::regclass, 'complaint_events'::regclass)))
       or (con.contype = 'u' and con.conrelid in ('complaints'::regclass, 'complaint_events'::regclass))
    order by con.contype desc, con.conname`;
  const indexes = await tx<{ name: string; def: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid in ('complaints'::regclass, 'complaint_events'::regclass)
      and not i.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1`;
  if (force) {
    log('--force: emptying the complaint-side tables');
    await tx`update kb_articles set source_complaint_id = null where source_complaint_id is not null`;
    await tx`truncate attachments, complaint_tags, complaint_presence, sla_notices, complaint_satisfaction, lookup_tokens`;
  }
  for (const c of constraints) await tx.unsafe(`alter table ${c.table} drop constraint ${quoteIdent(c.name)}`);
  for (const i of indexes) await tx.unsafe(`drop index ${i.name}`);
  // No foreign key points at them now, so TRUNCATE may empty them within this transaction.
  await tx`truncate complaint_events, complaints restart identity`;
  return { indexes: indexes.map((i) => i.def), constraints };
}

async function restoreAfterLoad(tx: postgres.TransactionSql, saved: Saved, log: (m: string) => void, lap: (name: string) => void): Promise<void> {
  for (const def of saved.indexes) {
    await tx.unsafe(def);
    lap(`index: ${def.replace(/^CREATE (UNIQUE )?INDEX (\S+).*$/, '$2')}`);
  }
  // Unique constraints first (order by contype desc above), then the foreign keys that may need them.
  for (const c of saved.constraints) {
    await tx.unsafe(`alter table ${c.table} add constraint ${quoteIdent(c.name)} ${c.def}`);
  }
  lap('constraints');
  log(`restored ${saved.indexes.length} indexes and ${saved.constraints.length} constraints`);
}

/** User + system CPU seconds of a process on this machine (Linux /proc; 0 where unreadable). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A fresh random seed for callers that want different data each run. */
export const randomSeed = () => randomBytes(4).readUInt32BE(0);
