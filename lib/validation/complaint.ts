import { z } from 'zod';
import { validateMyKad } from '@/lib/identity/mykad';
import { normaliseMalaysianMobile } from '@/lib/identity/phone';

// One schema for the public form, the server and the JSON API. Messages are error codes: the
// caller turns them into the visitor's language (lib/i18n/errors.ts), Malay by default.

export const LIMITS = {
  nameMax: 150,
  titleMin: 5,
  titleMax: 150,
  descriptionMin: 20,
  descriptionMax: 5000,
  ptjMax: 200,
  attachmentsMax: 5,
  attachmentBytesMax: 5 * 1024 * 1024,
} as const;

// No control characters, line/paragraph separators, zero-width or bidirectional-override marks.
const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]*$/u;
// Letters of any script, spaces and the marks found in Malaysian names (A/L, A/P, Bin, @, Nik').
const nameChars = /^[\p{L}\p{M} .'@/-]+$/u;

// Non-breaking spaces (common when names are pasted) count as ordinary spaces.
const text = (s: unknown) => (typeof s === 'string' ? s.replace(/\u00A0/g, ' ') : '');
const requiredLine = (max: number) =>
  z.preprocess(
    (v) => text(v).trim().replace(/ {2,}/g, ' '),
    z.string().min(1, 'required').max(max, 'too_long').regex(singleLine, 'single_line'),
  );

export const complaintFieldsSchema = z.object({
  submissionKey: z.uuid('form_expired'),
  name: z.preprocess(
    (v) => text(v).trim().replace(/ {2,}/g, ' '),
    z
      .string()
      .min(1, 'required')
      .regex(singleLine, 'single_line')
      .min(3, 'name_length')
      .max(LIMITS.nameMax, 'name_length')
      .regex(nameChars, 'name_chars')
      .regex(/\p{L}/u, 'name_chars'),
  ),
  ic: z.preprocess(text, z.string()).transform((v, ctx) => {
    const r = validateMyKad(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.error === 'required' ? 'required' : `ic_${r.error}` });
    return z.NEVER;
  }),
  ptj: requiredLine(LIMITS.ptjMax),
  phone: z.preprocess(text, z.string()).transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'required' });
      return z.NEVER;
    }
    const n = normaliseMalaysianMobile(v);
    if (n) return n;
    ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
    return z.NEVER;
  }),
  email: z.preprocess(
    (v) => text(v).trim().toLowerCase(),
    z.string().min(1, 'required').max(254, 'email_invalid').pipe(z.email('email_invalid')),
  ),
  whatsappConsent: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  category: z.preprocess(text, z.string().min(1, 'required').max(64, 'category_invalid')),
  title: z.preprocess(
    (v) => text(v).trim().replace(/ {2,}/g, ' '),
    z
      .string()
      .min(1, 'required')
      .regex(singleLine, 'single_line')
      .min(LIMITS.titleMin, 'title_length')
      .max(LIMITS.titleMax, 'title_length'),
  ),
  description: z.preprocess(
    // Keep the writer's line breaks; normalise Windows ones so the length is counted fairly.
    (v) => text(v).replace(/\r\n?/g, '\n').trim(),
    z
      .string()
      .min(1, 'required')
      .min(LIMITS.descriptionMin, 'description_short')
      .max(LIMITS.descriptionMax, 'description_long')
      .regex(/^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/, 'control_chars'),
  ),
  declaration: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.literal(true, 'declaration_required')),
});


export type FieldErrors = Record<string, string>;

/** First error code per field, keyed by the form field's name. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
