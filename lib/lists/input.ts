import { AppError } from '@/lib/errors';
import { CONTROL_CHARS } from '@/lib/csv/read';

// The lists admins keep (categories, PTJ) and the names officers give themselves: one way to read a
// typed name, one refusal with a code per field (words in the `lists.errors` messages).

export type ListErrorCode =
  | 'name_required'
  | 'name_too_long'
  | 'name_chars'
  | 'name_taken'
  | 'code_required'
  | 'code_invalid'
  | 'code_too_long'
  | 'code_taken'
  | 'last_active'
  | 'not_found'
  | 'import_file'
  | 'import_nothing'
  | 'import_skip_unconfirmed'
  | `csv_${string}`;

/** A refusal for a person to read: a code per field (`form` for the whole form) and the words' values. */
export class ListInputError extends AppError {
  constructor(
    readonly fieldErrors: Record<string, ListErrorCode>,
    params: Record<string, string | number> = {},
  ) {
    super('invalid', 422, { params });
    this.name = 'ListInputError';
  }
}

/** A name as stored: trimmed, inner runs of spaces made one. */
export const tidyName = (raw: string) => raw.trim().replace(/\s{2,}/g, ' ');

/** The refusal code for a tidied name, or null when it is fine. */
export function nameProblem(name: string, max: number): ListErrorCode | null {
  if (name === '') return 'name_required';
  if (name.length > max) return 'name_too_long';
  if (CONTROL_CHARS.test(name)) return 'name_chars';
  return null;
}
