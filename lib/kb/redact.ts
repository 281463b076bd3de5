import type { KbRedaction } from '@/lib/db/schema';

// Personal data out of a knowledge-base text before a word of it is saved (lib/kb/articles.ts runs
// this on every save, on the server). Pure: the caller passes the names it knows (the complainant's,
// the officers' in the complaint's history); patterns catch the rest (honorific + name, "bin/binti"
// names, IC numbers, Malaysian phone numbers, emails, complaint numbers). Each find becomes a
// readable placeholder. The result says which kinds were removed and how many; `found` holds the
// removed snippets for the officer's screen only: they are never stored or logged.

export type RedactionKind = KbRedaction['kind'];

export const PLACEHOLDER: Record<RedactionKind, string> = {
  name: '[NAMA]',
  ic: '[NO. KP]',
  phone: '[NO. TELEFON]',
  email: '[EMEL]',
  complaint_number: '[NO. ADUAN]',
};

/** The order kinds are listed in (and counted in a summary). */
export const REDACTION_KINDS: readonly RedactionKind[] = ['name', 'ic', 'phone', 'email', 'complaint_number'];

export type Redacted = { text: string; removed: KbRedaction[]; found: { kind: RedactionKind; value: string }[] };

export type RedactContext = {
  /** Names known to be personal: the complainant's and the officers' in the complaint's history. */
  names?: readonly string[];
};

const L = '\\p{L}\\p{N}';
const START = `(?<![${L}])`;
const END = `(?![${L}])`;

// Emails first: they hold names and digits the later patterns would split.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// A complaint number: the agency's prefix (2 to 6 letters) and 15 digits (yyMMddHHmmss + 3),
// also typed in lower case or with a space or dash after the prefix.
const COMPLAINT_NUMBER = new RegExp(`${START}[A-Za-z]{2,6}[ \\t-]?\\d{15}(?!\\d)`, 'gu');
// Its 15 digits alone (or glued to a word) are still one.
const COMPLAINT_DIGITS = /(?<!\d)\d{15}(?!\d)/g;
// An IC number: 6-2-4 digits. With dashes the shape says enough; run together or spaced, the first
// six must be a date (so 12-digit voucher or account numbers are not taken for one).
const IC_DASHED = /(?<![\d-])\d{6}\s*-\s*\d{2}\s*-\s*\d{4}(?![\d])/g;
const IC_PLAIN = /(?<![\p{L}\p{N}-])\d{6}[ \t]?\d{2}[ \t]?\d{4}(?![\d])/gu;
// Mistyped: 12 digits grouped any other way ("7503120-8-5123"), still a date first; looked for
// after phone numbers, which hold 12 digits too ("+60 11 2345 6789").
const IC_LOOSE = /(?<![\p{L}\p{N}])\d(?:[ \t-]?\d){11}(?!\d)/gu;
// A Malaysian phone number: mobile 01x (7 or 8 more digits) or a landline 0[3-9] (one or two area
// digits, 6 to 8 more), with +60 / 60 / 0 in front, spaces, dashes or brackets between groups.
const SEP = '[ \\t.-]?';
const PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+])(?:\\+?6${SEP}0${SEP}\\(?|\\(0|0)(?:1\\d\\)?${SEP}\\d{3,4}${SEP}\\d{4}|[3-9]\\d?\\)?${SEP}\\d{3,4}${SEP}\\d{3,4})(?!\\d)`,
  'gu',
);

// Honorifics a Malaysian name is written after; the name that follows (capitalised words, with
// bin/binti/a/l/a/p between them) is replaced and the honorific kept ("Encik [NAMA]").
const HONORIFICS = [
  'Encik', 'En\\.', 'En', 'Puan', 'Pn\\.', 'Pn', 'Cik', 'Tuan', 'Tn\\.', 'Dato\'', 'Dato’', 'Dato', 'Datuk', 'Datin', 'Dr\\.', 'Dr',
  'Prof\\.', 'Haji', 'Hj\\.', 'Hj', 'Hajah', 'Hjh\\.', 'Hjh', 'Tan Sri', 'Puan Sri', 'Saudara', 'Saudari', 'Sdr\\.', 'Sdri\\.', 'Mr\\.', 'Mr', 'Mrs\\.', 'Mrs',
  'Ms\\.', 'Ms', 'Miss', 'Madam', 'Mdm\\.', 'Ustaz', 'Ustazah', 'Cikgu',
];
const anyCase = (word: string) => word.replace(/^([A-Za-z])/, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
const HONORIFIC = `(?:${HONORIFICS.map(anyCase).join('|')})`;
const CONNECTOR = `(?:[Bb][Ii][Nn](?:[Tt][IiEe])?|BT\\.?|bt\\.?|[Aa]\\/[LlPp]|[SsDd]\\/[Oo]|@)`;
const NAME_WORD = `\\p{Lu}[\\p{L}'’.-]*`;
const NAME_RUN = `${NAME_WORD}(?:[ \\t]+(?:${CONNECTOR}[ \\t]+)?${NAME_WORD}){0,4}`;
const HONORIFIC_NAME = new RegExp(`${START}((?:${HONORIFIC}[ \\t]+){1,3})(${NAME_RUN})`, 'gu');
// A name with bin/binti (or a/l, a/p) without an honorific: "Ahmad Faizal bin Ali", "SITI BINTI OMAR".
const PATRONYMIC = new RegExp(
  `${START}(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,3})[ \\t]+${CONNECTOR}[ \\t]+(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,3})${END}`,
  'gu',
);

// Capitalised words that start a sentence or name a thing, never part of a person's name: a name
// pattern that swallowed one gives it back.
const NOT_NAMES = new Set(
  [
    'saya', 'kami', 'nama', 'terima', 'kasih', 'mohon', 'sila', 'untuk', 'dan', 'atau', 'yang', 'di', 'ke', 'pada', 'dengan', 'telah',
    'sistem', 'ispeks', 'pegawai', 'unit', 'bahagian', 'jabatan', 'pejabat', 'kementerian', 'negeri', 'kelantan', 'pentadbir', 'penyelia',
    'assalamualaikum', 'salam', 'hai', 'hi', 'dear', 'hello', 'thank', 'thanks', 'please', 'i', 'my', 'we', 'the', 'and', 'for', 'is',
    'tel', 'telefon', 'emel', 'email', 'no', 'kp', 'ic', 'aduan', 'rujukan', 'baucar', 'akaun', 'rm', 'ptj', 'jan', 'feb', 'mac', 'apr',
    'mei', 'jun', 'jul', 'ogos', 'sep', 'okt', 'nov', 'dis', 'isnin', 'selasa', 'rabu', 'khamis', 'jumaat', 'sabtu', 'ahad', 'yb', 'sekian',
  ].map((w) => w.toLowerCase()),
);
// Known names are matched whole in any case; their parts (≥ 3 letters, not a connector nor a
// common word) only where written capitalised, so "Ali" goes and "ali" in another word stays.
const CONNECTOR_WORDS = new Set(['bin', 'binti', 'binte', 'bt', 'bt.', 'b.', 'a/l', 'a/p', 's/o', 'd/o', '@', 'b', 'a', 'l', 'p']);
// Honorifics inside a known name ("Dato' Dr. Kamarul Zaman") are not parts of it: the honorific
// pattern keeps them before the name it replaces.
const HONORIFIC_WORDS = new Set(
  ['encik', 'en', 'puan', 'pn', 'cik', 'tuan', 'tn', 'dato', "dato'", 'dato’', 'datuk', 'datin', 'dr', 'prof', 'haji', 'hj', 'hajah', 'hjh', 'mr', 'mrs', 'ms', 'miss', 'madam', 'mdm', 'ustaz', 'ustazah', 'cikgu', 'sdr', 'sdri', 'saudara', 'saudari'],
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Honorifics and common words are given back from either end of a matched run.
const notName = (word: string) => {
  const w = word.toLowerCase().replace(/[.’']$/, '');
  return NOT_NAMES.has(w) || HONORIFIC_WORDS.has(w) || HONORIFIC_WORDS.has(word.toLowerCase());
};

function trimNotNames(run: string): { lead: string; name: string; tail: string } {
  const words = run.split(/([ \t]+)/);
  let start = 0;
  let end = words.length;
  while (start < end && (words[start].trim() === '' || notName(words[start]))) start++;
  while (end > start && (words[end - 1].trim() === '' || notName(words[end - 1]))) end--;
  let name = words.slice(start, end).join('');
  let tail = words.slice(end).join('');
  // A full stop after the last word ends the sentence, not the name.
  const stop = /[.,]+$/.exec(name);
  if (stop) {
    name = name.slice(0, stop.index);
    tail = stop[0] + tail;
  }
  return { lead: words.slice(0, start).join(''), name, tail };
}

function nameMatchers(names: readonly string[]): RegExp[] {
  const full = new Set<string>();
  const parts = new Set<string>();
  for (const raw of names) {
    const tokens = raw.normalize('NFC').trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    full.add(tokens.map(escape).join('\\s+'));
    if (tokens.length < 2) continue;
    for (const t of tokens) {
      const bare = t.replace(/[.,]$/, '');
      const lower = bare.toLowerCase();
      if (CONNECTOR_WORDS.has(lower) || HONORIFIC_WORDS.has(lower.replace(/\.$/, '')) || bare.length < 3 || NOT_NAMES.has(lower)) continue;
      parts.add(bare);
    }
  }
  // Longest first, so a full name goes before its parts.
  const fulls = [...full].sort((a, b) => b.length - a.length).map((p) => new RegExp(`${START}${p}${END}`, 'giu'));
  const capitalised = [...parts]
    .sort((a, b) => b.length - a.length)
    .map((p) => {
      const lower = p.toLowerCase();
      const cap = lower.charAt(0).toUpperCase() + lower.slice(1);
      return new RegExp(`${START}(?:${escape(cap)}|${escape(p.toUpperCase())}|${escape(p)})${END}`, 'gu');
    });
  return [...fulls, ...capitalised];
}

/** Removes personal data from one text. Running it again on its own output removes nothing more. */
export function redact(text: string, context: RedactContext = {}): Redacted {
  const counts = new Map<RedactionKind, number>();
  const found: Redacted['found'] = [];
  const take = (kind: RedactionKind, value: string) => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    found.push({ kind, value: value.trim() });
    return PLACEHOLDER[kind];
  };
  let out = text.normalize('NFC');
  out = out.replace(EMAIL, (m) => take('email', m));
  out = out.replace(COMPLAINT_NUMBER, (m) => take('complaint_number', m));
  out = out.replace(COMPLAINT_DIGITS, (m) => take('complaint_number', m));
  out = out.replace(IC_DASHED, (m) => take('ic', m));
  out = out.replace(IC_PLAIN, (m) => (isDate(m.replace(/\s/g, '').slice(0, 6)) ? take('ic', m) : m));
  out = out.replace(PHONE, (m) => take('phone', m));
  out = out.replace(IC_LOOSE, (m) => (isDate(m.replace(/\D/g, '').slice(0, 6)) ? take('ic', m) : m));
  for (const matcher of nameMatchers(context.names ?? [])) out = out.replace(matcher, (m) => take('name', m));
  out = out.replace(HONORIFIC_NAME, (m, honorific: string, run: string) => {
    const { lead, name, tail } = trimNotNames(run);
    if (!name) return m;
    return `${honorific}${lead}${take('name', name)}${tail}`;
  });
  out = out.replace(PATRONYMIC, (m, before: string) => {
    const { lead } = trimNotNames(before);
    const name = m.slice(lead.length);
    const stop = /[.,]+$/.exec(name)?.[0] ?? '';
    return `${lead}${take('name', name.slice(0, name.length - stop.length))}${stop}`;
  });
  const removed = REDACTION_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
  return { text: out, removed, found };
}

function isDate(yymmdd: string): boolean {
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/** Redacts several fields of one text with the same names; the counts are added up. */
export function redactFields<K extends string>(fields: Record<K, string>, context: RedactContext = {}): { fields: Record<K, string>; removed: KbRedaction[]; found: Redacted['found'] } {
  const out = {} as Record<K, string>;
  const counts = new Map<RedactionKind, number>();
  const found: Redacted['found'] = [];
  for (const key of Object.keys(fields) as K[]) {
    const r = redact(fields[key], context);
    out[key] = r.text;
    for (const { kind, count } of r.removed) counts.set(kind, (counts.get(kind) ?? 0) + count);
    found.push(...r.found);
  }
  return { fields: out, removed: REDACTION_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! })), found };
}
