import { randomUUID } from 'node:crypto';
import { log, safeErrorSummary } from '@/lib/log';
import { deleteObjects, putObject, StorageUnavailableError } from '@/lib/storage';
import { LIMITS } from '@/lib/validation/complaint';
import { inspectUpload, type CleanFile, type UploadError } from './inspect';

// Attachments for any event (intake, feedback, officer replies): check them all first, then put
// them under the complaint's number; callers delete them again if their transaction fails.

export type IncomingFile = { name: string; bytes: Uint8Array };
export type StoredFile = { key: string; file: CleanFile };

export async function inspectFiles(
  files: IncomingFile[],
): Promise<{ ok: true; clean: CleanFile[] } | { ok: false; error: UploadError | 'attachment_count' }> {
  if (files.length > LIMITS.attachmentsMax) return { ok: false, error: 'attachment_count' };
  const clean: CleanFile[] = [];
  for (const f of files) {
    const r = await inspectUpload(f.name, f.bytes);
    if (!r.ok) return { ok: false, error: r.error };
    clean.push(r.file);
  }
  return { ok: true, clean };
}

/** Puts every file or none: on a storage error the ones already put are removed, then it throws. */
export async function putFiles(number: string, clean: CleanFile[]): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const file of clean) {
      const key = `aduan/${number}/${randomUUID()}.${file.fileName.split('.').pop()}`;
      await putObject(key, file.bytes, file.contentType);
      stored.push({ key, file });
    }
    return stored;
  } catch (e) {
    await deleteQuietly(stored.map((s) => s.key));
    throw new StorageUnavailableError(e);
  }
}

export { StorageUnavailableError };

export async function deleteQuietly(keys: string[]): Promise<void> {
  try {
    await deleteObjects(keys);
  } catch (e) {
    // The store is down; these objects have no row. Logged so an operator can remove them.
    log.error({ err: safeErrorSummary(e), count: keys.length }, 'could not remove orphan objects');
  }
}

export function attachmentRows(stored: StoredFile[], complaintId: string, eventId: number, internal = false) {
  return stored.map(({ key, file }) => ({
    complaintId,
    eventId,
    objectKey: key,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.bytes.byteLength,
    sha256: file.sha256,
    internal,
  }));
}
