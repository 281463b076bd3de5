// Placeholders of canned responses, filled for one complaint. Pure (no database), so the composer's
// preview in the browser and the reply the server stores use the very same function and values.

export const PLACEHOLDERS = ['nama', 'no_aduan', 'tajuk', 'pegawai'] as const;
export type PlaceholderValues = Record<(typeof PLACEHOLDERS)[number], string>;

const known = new Set<string>(PLACEHOLDERS);

/** The values for a complaint and the officer writing to it. */
export function placeholderValues(complaint: { name: string; number: string; title: string }, officerName: string): PlaceholderValues {
  return { nama: complaint.name, no_aduan: complaint.number, tajuk: complaint.title, pegawai: officerName };
}

/**
 * Replaces {nama}, {no_aduan}, {tajuk} and {pegawai}. Anything else in braces is left exactly as
 * typed: only the four names count (never an inherited object key such as {constructor}).
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(/\{(\w+)\}/g, (whole, key: string) => (known.has(key) ? values[key as keyof PlaceholderValues] : whole));
}

/** Whether a text has anything the server would fill (the composer then shows a preview). */
export const hasPlaceholders = (body: string) => PLACEHOLDERS.some((k) => body.includes(`{${k}}`));
