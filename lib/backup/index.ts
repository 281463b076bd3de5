import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import postgres from 'postgres';
import { runMigrations } from '@/lib/db/migrate';

// Backups (npm run backup / npm run restore; docs/OPERATIONS.md). The embedded PostgreSQL ships no
// pg_dump, and Debian's client (v15) is older than the server (v18), so the database is copied in
// Node: one `COPY … TO STDOUT` file per table (text format), in foreign-key order, with every
// sequence's position; the bucket's objects are copied byte for byte beside it. The schema itself
// is not in the backup: it is the code's migrations, which restore applies first to the fresh
// database, refusing a backup made by different migrations. pg-boss's schema (the outbox and the
// schedules) is left out: it is recreated on start, and emails still queued at backup time are not
// sent again after a restore (see docs/OPERATIONS.md).

/** The schemas copied: ours, and drizzle's record of the applied migrations. */
const SCHEMAS = ['public', 'drizzle'];

export type BackupTable = { schema: string; name: string; columns: string[]; rows: number; file: string };
export type BackupObject = { key: string; file: string; size: number; sha256: string; contentType: string | null };
export type BackupManifest = {
  format: 'helpdesk-ispeks-backup/1';
  createdAt: string;
  /** The applied migrations' hashes, in order: a restore needs the same. */
  migrations: string[];
  tables: BackupTable[];
  sequences: { schema: string; name: string; lastValue: string | null }[];
  bucket: string;
  objects: BackupObject[];
};

export type Store = { s3: S3Client; bucket: string };

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const qualified = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;

/** Tables of SCHEMAS with their stored (not generated) columns, parents before children. */
async function tablesInOrder(sql: postgres.Sql | postgres.TransactionSql): Promise<{ schema: string; name: string; columns: string[] }[]> {
  const rows = await sql<{ oid: number; schema: string; name: string; columns: string[] }[]>`
    select c.oid::int as oid, n.nspname as schema, c.relname as name,
           array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  order by a.attnum) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname = any(${SCHEMAS})
     order by n.nspname, c.relname`;
  const deps = await sql<{ child: number; parent: number }[]>`
    select conrelid::int as child, confrelid::int as parent from pg_constraint where contype = 'f'`;
  const parents = new Map<number, Set<number>>(rows.map((r) => [r.oid, new Set<number>()]));
  for (const d of deps) if (d.child !== d.parent && parents.has(d.child) && parents.has(d.parent)) parents.get(d.child)!.add(d.parent);
  const ordered: { oid: number; schema: string; name: string; columns: string[] }[] = [];
  const done = new Set<number>();
  while (ordered.length < rows.length) {
    const ready = rows.filter((r) => !done.has(r.oid) && [...parents.get(r.oid)!].every((p) => done.has(p)));
    if (ready.length === 0) throw new Error('backup: circular foreign keys between tables');
    for (const r of ready) {
      ordered.push(r);
      done.add(r.oid);
    }
  }
  return ordered.map(({ schema, name, columns }) => ({ schema, name, columns }));
}

/**
 * `COPY … TO STDOUT` into `file`, leaving the connection usable. postgres.js 3.4 pauses its socket
 * when the copy stream's buffer is full and resumes it only from the stream's read(); when the
 * last rows arrive while the buffer is full (a slow disk, a loaded machine, or any table of 16–64 KB
 * that comes in one read before the file is attached), the stream ends with the socket still
 * paused, and the next statement on the connection waits for ever: the backup that "did not finish"
 * late in a full test run (docs/OPERATIONS.md). One more read() once the stream has ended resumes it.
 */
export async function copyOut(sql: postgres.Sql | postgres.TransactionSql, query: string, file: string): Promise<void> {
  const stream = await sql.unsafe(query).readable();
  try {
    await pipeline(stream, fs.createWriteStream(file, { mode: 0o600 }));
  } finally {
    stream._read(0); // socket.resume(): a no-op when the socket was not left paused
  }
}

async function appliedMigrations(sql: postgres.Sql | postgres.TransactionSql): Promise<string[]> {
  const rows = await sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations order by created_at, id`;
  return rows.map((r) => r.hash);
}

/** A file name for an object key (server-made keys; anything outside the folder is refused). */
function objectFile(dir: string, key: string): string {
  const file = path.join(dir, 'objects', ...key.split('/'));
  if (!file.startsWith(path.join(dir, 'objects') + path.sep)) throw new Error(`backup: unsafe object key ${JSON.stringify(key)}`);
  return file;
}

/**
 * Writes a backup of the database at `databaseUrl` and every object of `store` into `dir` (created,
 * owner only; must be empty). The table copies run in one repeatable-read, read-only transaction,
 * so they are one consistent snapshot while the app keeps running; objects are listed after it, so
 * every attachment row of the snapshot has its object (an object added since is copied too).
 */
export async function backupTo(dir: string, databaseUrl: string, store: Store): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (fs.readdirSync(dir).length > 0) throw new Error(`backup: ${dir} is not empty`);
  fs.mkdirSync(path.join(dir, 'db'), { mode: 0o700 });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const manifest: BackupManifest = {
    format: 'helpdesk-ispeks-backup/1',
    createdAt: new Date().toISOString(),
    migrations: [],
    tables: [],
    sequences: [],
    bucket: store.bucket,
    objects: [],
  };
  try {
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      manifest.migrations = await appliedMigrations(tx);
      for (const t of await tablesInOrder(tx)) {
        const file = `db/${t.schema}.${t.name}.copy`;
        const cols = t.columns.map(ident).join(', ');
        await copyOut(tx, `copy ${qualified(t)} (${cols}) to stdout`, path.join(dir, file));
        const [{ n }] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${qualified(t)}`);
        manifest.tables.push({ ...t, rows: Number(n), file });
      }
      manifest.sequences = await tx<{ schema: string; name: string; lastValue: string | null }[]>`
        select schemaname as schema, sequencename as name, last_value::text as "lastValue"
          from pg_sequences where schemaname = any(${SCHEMAS}) order by 1, 2`;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }

  let token: string | undefined;
  do {
    const page = await store.s3.send(new ListObjectsV2Command({ Bucket: store.bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      if (!Key) continue;
      const file = objectFile(dir, Key);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const got = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      fs.writeFileSync(file, bytes, { mode: 0o600 });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      manifest.objects.push({ key: Key, file: path.relative(dir, file), size: bytes.length, sha256, contentType: got.ContentType ?? null });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);

  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 'helpdesk-ispeks-backup/1') throw new Error('restore: not a helpdesk backup (manifest format)');
  return manifest;
}

/**
 * Restores the backup in `dir` into a FRESH database and store: migrates the database, refuses
 * one that already holds complaints or staff (a restore never merges), refuses a backup made by
 * other migrations, then in one transaction empties the tables, copies every table back in
 * foreign-key order and sets every sequence where it was. Objects are checked against their
 * recorded hash before they are written. A failure leaves the database as the migrations made it.
 */
export async function restoreFrom(dir: string, databaseUrl: string, store: Store): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  for (const o of manifest.objects) {
    const bytes = fs.readFileSync(objectFile(dir, o.key));
    if (createHash('sha256').update(bytes).digest('hex') !== o.sha256) throw new Error(`restore: object ${o.key} does not match its hash`);
  }
  await runMigrations(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const migrations = await appliedMigrations(sql);
    if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations)) {
      throw new Error(`restore: the backup was made with ${manifest.migrations.length} migrations, this code has ${migrations.length}; restore with the same version of the app`);
    }
    const [{ n }] = await sql<{ n: number }[]>`select (select count(*) from complaints) + (select count(*) from users) as n`;
    if (Number(n) > 0) throw new Error('restore: the target database already holds complaints or staff; restore into a fresh database');
    await sql.begin(async (tx) => {
      await tx.unsafe(`truncate ${manifest.tables.map(qualified).join(', ')} cascade`);
      for (const t of manifest.tables) {
        const cols = t.columns.map(ident).join(', ');
        const sink = await tx.unsafe(`copy ${qualified(t)} (${cols}) from stdin`).writable();
        await pipeline(fs.createReadStream(path.join(dir, t.file)), sink);
      }
      for (const s of manifest.sequences) {
        if (s.lastValue !== null) await tx.unsafe(`select setval($1::regclass, $2::bigint, true)`, [qualified(s), s.lastValue]);
      }
      for (const t of manifest.tables) {
        const [{ n: rows }] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${qualified(t)}`);
        if (Number(rows) !== t.rows) throw new Error(`restore: ${t.schema}.${t.name} has ${rows} rows, the backup ${t.rows}`);
      }
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  for (const o of manifest.objects) {
    const bytes = fs.readFileSync(objectFile(dir, o.key));
    await store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: o.key, Body: bytes, ContentType: o.contentType ?? undefined }));
  }
  return manifest;
}
