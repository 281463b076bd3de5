import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Db } from '@/lib/db';
import { getObjectBytes, putObject } from '@/lib/storage';
import { deleteQuietly, StorageUnavailableError } from '@/lib/uploads/store';
import { getAgencySettings, saveAgencySettings, type AgencyLogo, type AgencySettings } from './agency';

// The agency's logo, checked like any upload: recognised by its bytes (PNG or JPEG only; an SVG
// can carry script and is refused), re-encoded with sharp (drops metadata and anything appended,
// caps the pixels before decoding), scaled down to a header's size, and kept in the private
// bucket under a key of our own. It is served by /api/logo with its hash in the URL, so a new
// logo is a new URL and browsers may cache each one for ever.

export const LOGO_BYTES_MAX = 1024 * 1024;
/** The stored image fits in this box (the headers show it at most 48 px high). */
const LOGO_BOX = { width: 800, height: 240 };

export type LogoError = 'logo_empty' | 'logo_size' | 'logo_type';

/** Thrown when the file is not a logo we keep; `code` has words in `agencyMore.errors`. */
export class LogoRefusedError extends Error {
  constructor(readonly code: LogoError) {
    super(code);
    this.name = 'LogoRefusedError';
  }
}

type CleanLogo = { bytes: Uint8Array; contentType: AgencyLogo['contentType']; width: number; height: number; sha256: string };

export async function inspectLogo(input: Uint8Array): Promise<{ ok: true; logo: CleanLogo } | { ok: false; error: LogoError }> {
  if (input.byteLength === 0) return { ok: false, error: 'logo_empty' };
  if (input.byteLength > LOGO_BYTES_MAX) return { ok: false, error: 'logo_size' };
  const detected = await fileTypeFromBuffer(input);
  if (detected?.mime !== 'image/png' && detected?.mime !== 'image/jpeg') return { ok: false, error: 'logo_type' };
  try {
    const img = sharp(input, { failOn: 'error', limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ ...LOGO_BOX, fit: 'inside', withoutEnlargement: true });
    const out = detected.mime === 'image/png' ? img.png({ compressionLevel: 9 }) : img.jpeg({ quality: 88, mozjpeg: true });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    const bytes = new Uint8Array(data);
    if (bytes.byteLength > LOGO_BYTES_MAX) return { ok: false, error: 'logo_size' };
    return {
      ok: true,
      logo: { bytes, contentType: detected.mime, width: info.width, height: info.height, sha256: createHash('sha256').update(bytes).digest('hex') },
    };
  } catch {
    return { ok: false, error: 'logo_type' };
  }
}

/**
 * Replaces the logo: checks the file, stores it, then records it (audited with the old and new
 * key and hash). The old object is removed once the new one is recorded; on a failed save the new
 * one is removed again.
 */
export async function uploadLogo(db: Db, actor: { userId: string; ip?: string | null }, input: Uint8Array): Promise<AgencyLogo> {
  const r = await inspectLogo(input);
  if (!r.ok) throw new LogoRefusedError(r.error);
  const { bytes, ...rest } = r.logo;
  const logo: AgencyLogo = { key: `agensi/logo/${rest.sha256}.${rest.contentType === 'image/png' ? 'png' : 'jpg'}`, ...pick(rest) };
  const previous = (await getAgencySettings(db)).logo;
  try {
    await putObject(logo.key, bytes, logo.contentType);
  } catch (e) {
    throw new StorageUnavailableError(e);
  }
  try {
    await saveAgencySettings(db, actor, { logo });
  } catch (e) {
    if (previous?.key !== logo.key) await deleteQuietly([logo.key]);
    throw e;
  }
  if (previous && previous.key !== logo.key) await deleteQuietly([previous.key]);
  return logo;
}

const pick = ({ sha256, contentType, width, height }: Omit<CleanLogo, 'bytes'>) => ({ sha256, contentType, width, height });

/** Removes the logo (audited); the headers show the agency's name alone again. */
export async function removeLogo(db: Db, actor: { userId: string; ip?: string | null }): Promise<void> {
  const previous = (await getAgencySettings(db)).logo;
  if (!previous) return;
  await saveAgencySettings(db, actor, { logo: null });
  await deleteQuietly([previous.key]);
}

/** The logo's address, with its version: a new logo is a new URL. */
export function logoUrl(settings: Pick<AgencySettings, 'logo'>): string | null {
  return settings.logo ? `/api/logo?v=${settings.logo.sha256.slice(0, 16)}` : null;
}

/** The current logo's bytes for /api/logo, or null when there is none. */
export async function readLogo(db: Db): Promise<{ logo: AgencyLogo; body: Uint8Array } | null> {
  const { logo } = await getAgencySettings(db);
  if (!logo) return null;
  const body = await getObjectBytes(logo.key);
  return body ? { logo, body } : null;
}
