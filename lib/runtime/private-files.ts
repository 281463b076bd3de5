import fs from 'node:fs';
import path from 'node:path';

// Embedded mode keeps its files private (docs/SECURITY.md): the local mailbox (messages carry
// complaint access links), the object store's folder (attachments with IC cards and letters),
// secrets.json and runtime.json are readable by their owner only: folders 0700, files 0600.
// Folders made before this rule existed are fixed at start. PostgreSQL's own data folder is left
// to PostgreSQL (it keeps it 0700 itself and, as root, it belongs to the postgres user).

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** From now on, files and folders this process (and what it starts) creates are owner-only. */
export function ownerOnlyFromNowOn(): void {
  process.umask(0o077);
}

/** Creates `dir` owner-only, or makes it and everything in it owner-only (symbolic links are left alone). */
export function makePrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const walk = (d: string) => {
    fs.chmodSync(d, PRIVATE_DIR_MODE);
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) fs.chmodSync(p, PRIVATE_FILE_MODE);
    }
  };
  walk(dir);
}

/** Makes one file owner-only if it exists. */
export function makeFilePrivate(file: string): void {
  if (fs.existsSync(file)) fs.chmodSync(file, PRIVATE_FILE_MODE);
}
