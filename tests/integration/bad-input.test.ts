import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { submitComplaint, type IncomingFile, type SubmissionResult } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { complaints, rateLimits } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { counts, waitFor } from '../support/inspect';

// A corpus of bad submissions. Every one must be refused as `invalid`, name the right field and
// error code, and leave nothing behind: no complaint, event, attachment row, job, object or email.

// Every bad submission comes from ONE address, as from a PTJ office behind NAT: a typo or an
// unticked CAPTCHA must never spend the office's complaint budget (checked at the end).
const OFFICE_IP = '203.0.113.50';

type Fields = ReturnType<typeof validFields>;

type BadCase = {
  name: string;
  /** Changes to a valid form; `undefined` removes the field. */
  fields?: Partial<Record<keyof Fields, string | undefined>>;
  files?: () => Promise<IncomingFile[]> | IncomingFile[];
  /** Default: a freshly solved ALTCHA. */
  captcha?: () => Promise<string | undefined> | string | undefined;
  field: string;
  code: string;
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const enc = (s: string) => new TextEncoder().encode(s);

function withHeader(header: number[] | Uint8Array, totalBytes: number, fill = 0): Uint8Array {
  const out = new Uint8Array(totalBytes).fill(fill);
  out.set(header, 0);
  return out;
}

function buildFields(changes: BadCase['fields'] = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...validFields() };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete fields[k];
    else fields[k] = v;
  }
  return fields;
}

async function submit(fields: Record<string, unknown>, files: IncomingFile[], captchaToken: string | undefined) {
  return submitComplaint(getDb(), { fields, files, captchaToken, ip: OFFICE_IP });
}

/** Submits, expects `invalid` with exactly `expected` as field errors, and no trace left behind. */
async function expectRefused(
  fields: Record<string, unknown>,
  files: IncomingFile[],
  captchaToken: string | undefined,
  expected: Record<string, string>,
): Promise<SubmissionResult> {
  const before = await counts();
  const result = await submit(fields, files, captchaToken);
  expect(result.ok).toBe(false);
  if (result.ok) return result;
  expect(result.reason).toBe('invalid');
  if (result.reason !== 'invalid') return result;
  expect(result.fieldErrors).toEqual(expected);
  expect(await counts()).toEqual(before);
  return result;
}

const description19 = 'Sistem tidak jalan.';
const description5001 = 'a'.repeat(5001);

const cases: BadCase[] = [
  // --- No Kad Pengenalan: impossible dates -------------------------------------------------
  { name: 'IC 29 Feb in a year that is not leap in 1901 or 2001', fields: { ic: '010229-03-5123' }, field: 'ic', code: 'ic_date' },
  { name: 'IC month 13', fields: { ic: '881301-03-5123' }, field: 'ic', code: 'ic_date' },
  { name: 'IC day 32', fields: { ic: '880132-03-5123' }, field: 'ic', code: 'ic_date' },
  { name: 'IC month 00', fields: { ic: '880001-03-5123' }, field: 'ic', code: 'ic_date' },
  { name: 'IC 31 April', fields: { ic: '880431-03-5123' }, field: 'ic', code: 'ic_date' },
  // --- No Kad Pengenalan: place-of-birth codes JPN never issued --------------------------------
  ...['00', '17', '20', '69', '70', '73', '80', '81', '94', '97'].map(
    (place): BadCase => ({ name: `IC place code ${place}`, fields: { ic: `880101-${place}-5123` }, field: 'ic', code: 'ic_place' }),
  ),
  // --- No Kad Pengenalan: shape ------------------------------------------------------------
  { name: 'IC with 11 digits', fields: { ic: '88010103512' }, field: 'ic', code: 'ic_format' },
  { name: 'IC with 13 digits', fields: { ic: '8801010351234' }, field: 'ic', code: 'ic_format' },
  { name: 'IC with letters', fields: { ic: '880101-O3-5I23' }, field: 'ic', code: 'ic_format' },
  { name: 'IC missing', fields: { ic: undefined }, field: 'ic', code: 'required' },
  { name: 'IC blank', fields: { ic: '  -  ' }, field: 'ic', code: 'required' },
  // --- Phone ---------------------------------------------------------------------------------
  { name: 'phone is a landline (03)', fields: { phone: '03-2345 6789' }, field: 'phone', code: 'phone_invalid' },
  { name: 'phone in the 015 range', fields: { phone: '015-123 4567' }, field: 'phone', code: 'phone_invalid' },
  { name: 'phone too short', fields: { phone: '012-345' }, field: 'phone', code: 'phone_invalid' },
  { name: 'phone with letters', fields: { phone: '012-ABC 6789' }, field: 'phone', code: 'phone_invalid' },
  { name: 'phone with a foreign country code', fields: { phone: '+65 9123 4567' }, field: 'phone', code: 'phone_invalid' },
  { name: 'phone missing', fields: { phone: undefined }, field: 'phone', code: 'required' },
  // --- Email ---------------------------------------------------------------------------------
  { name: 'email without a domain', fields: { email: 'siti@' }, field: 'email', code: 'email_invalid' },
  { name: 'email without @', fields: { email: 'siti.example.gov.my' }, field: 'email', code: 'email_invalid' },
  { name: 'email with a space inside', fields: { email: 'siti nurhaliza@example.gov.my' }, field: 'email', code: 'email_invalid' },
  { name: 'email missing', fields: { email: undefined }, field: 'email', code: 'required' },
  // --- Name ----------------------------------------------------------------------------------
  { name: 'name missing', fields: { name: undefined }, field: 'name', code: 'required' },
  { name: 'name only spaces', fields: { name: '    ' }, field: 'name', code: 'required' },
  { name: 'name with a line break', fields: { name: 'Ali\nAbu' }, field: 'name', code: 'single_line' },
  { name: 'title with a Unicode line separator', fields: { title: 'Kod\u2028iklan tiada' }, field: 'title', code: 'single_line' },
  { name: 'title with a right-to-left override', fields: { title: 'Kod iklan \u202Etiada' }, field: 'title', code: 'single_line' },
  { name: 'name of punctuation only', fields: { name: '...' }, field: 'name', code: 'name_chars' },
  { name: 'name with digits', fields: { name: 'Ali Abu 123' }, field: 'name', code: 'name_chars' },
  { name: 'name with markup', fields: { name: 'Ali <b>Abu</b>' }, field: 'name', code: 'name_chars' },
  { name: 'name too short', fields: { name: 'Al' }, field: 'name', code: 'name_length' },
  { name: 'name too long', fields: { name: 'Ali '.repeat(40).trim() + ' Abu' }, field: 'name', code: 'name_length' },
  // --- PTJ -----------------------------------------------------------------------------------
  { name: 'PTJ missing', fields: { ptj: undefined }, field: 'ptj', code: 'required' },
  { name: 'PTJ blank', fields: { ptj: '   ' }, field: 'ptj', code: 'required' },
  { name: 'PTJ with a line break', fields: { ptj: 'Pejabat Tanah\nJajahan' }, field: 'ptj', code: 'single_line' },
  // --- Category ------------------------------------------------------------------------------
  { name: 'unknown category slug', fields: { category: 'tiada-kategori-ini' }, field: 'category', code: 'category_invalid' },
  { name: 'category missing', fields: { category: undefined }, field: 'category', code: 'required' },
  // --- Title ---------------------------------------------------------------------------------
  { name: 'title too short', fields: { title: 'Kod' }, field: 'title', code: 'title_length' },
  { name: 'title with a newline', fields: { title: 'Kod iklan\ntiada dalam senarai' }, field: 'title', code: 'single_line' },
  { name: 'title too long', fields: { title: 'x'.repeat(151) }, field: 'title', code: 'title_length' },
  { name: 'title missing', fields: { title: undefined }, field: 'title', code: 'required' },
  // --- Description ---------------------------------------------------------------------------
  { name: 'description of 19 characters', fields: { description: description19 }, field: 'description', code: 'description_short' },
  { name: 'description of 5,001 characters', fields: { description: description5001 }, field: 'description', code: 'description_long' },
  { name: 'description of 19 characters padded with spaces', fields: { description: `   ${description19}      ` }, field: 'description', code: 'description_short' },
  { name: 'description missing', fields: { description: undefined }, field: 'description', code: 'required' },
  // --- Declaration ---------------------------------------------------------------------------
  { name: 'declaration unticked (absent)', fields: { declaration: undefined }, field: 'declaration', code: 'declaration_required' },
  { name: 'declaration unticked (off)', fields: { declaration: 'off' }, field: 'declaration', code: 'declaration_required' },
  // --- Form key ------------------------------------------------------------------------------
  { name: 'submissionKey is not a UUID', fields: { submissionKey: 'not-a-uuid' }, field: 'submissionKey', code: 'form_expired' },
  { name: 'submissionKey missing', fields: { submissionKey: undefined }, field: 'submissionKey', code: 'form_expired' },
  // --- Attachments ---------------------------------------------------------------------------
  {
    name: 'a 6 MB file with a PNG header',
    files: () => [{ name: 'besar.png', bytes: withHeader(PNG_SIGNATURE, 6 * 1024 * 1024) }],
    field: 'attachments',
    code: 'attachment_size',
  },
  {
    name: 'a Windows executable renamed .jpg',
    files: () => [{ name: 'gambar.jpg', bytes: withHeader(enc('MZ'), 4096, 0x90) }],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'an SVG named .png',
    files: () => [
      {
        name: 'skrin.png',
        bytes: enc('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      },
    ],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'an HTML page named .pdf',
    files: () => [
      { name: 'surat.pdf', bytes: enc('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>') },
    ],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'an empty file',
    files: () => [{ name: 'kosong.pdf', bytes: new Uint8Array(0) }],
    field: 'attachments',
    code: 'attachment_empty',
  },
  {
    name: 'a corrupt PNG (signature, then garbage)',
    files: () => [{ name: 'rosak.png', bytes: withHeader(PNG_SIGNATURE, 2048, 0x41) }],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'a GIF (a real image, but not an allowed type)',
    files: () => [
      {
        name: 'anim.gif',
        bytes: Uint8Array.from(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')),
      },
    ],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'a bad file after a good one (the good one is not stored either)',
    files: async () => [
      { name: 'ok.png', bytes: await pngBytes() },
      { name: 'virus.jpg', bytes: withHeader(enc('MZ'), 4096, 0x90) },
    ],
    field: 'attachments',
    code: 'attachment_type',
  },
  {
    name: 'a 6th attachment (6 valid PNGs)',
    files: async () => Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => ({ name: `skrin-${i}.png`, bytes: await pngBytes(20 + i, 20) }))),
    field: 'attachments',
    code: 'attachment_count',
  },
  // --- CAPTCHA -------------------------------------------------------------------------------
  // Not ticked yet is a request ("Sila tandakan 'Saya bukan robot'"), not a failure.
  { name: 'CAPTCHA token missing', captcha: () => undefined, field: 'captcha', code: 'captcha_required' },
  { name: 'CAPTCHA token empty', captcha: () => '', field: 'captcha', code: 'captcha_required' },
  { name: 'CAPTCHA token is garbage', captcha: () => 'garbage!!not-base64{', field: 'captcha', code: 'captcha_failed' },
  {
    name: 'CAPTCHA token is base64 JSON of the wrong shape',
    captcha: () => btoa(JSON.stringify({ hello: 'world' })),
    field: 'captcha',
    code: 'captcha_failed',
  },
  {
    name: 'CAPTCHA solution tampered with',
    captcha: async () => {
      // A genuine, signed challenge with a solution that does not solve it.
      const payload = JSON.parse(atob(await solvedAltcha())) as { solution: { counter: number } };
      expect(typeof payload.solution.counter).toBe('number');
      payload.solution.counter += 1;
      return btoa(JSON.stringify(payload));
    },
    field: 'captcha',
    code: 'captcha_failed',
  },
];

// Jobs this file enqueues (the positive cases) are delivered before the next file starts, so no
// stray email reaches a later test's fake inbox.
afterAll(async () => {
  const pending = async () =>
    Number(
      (
        await getDb().execute<{ n: string }>(
          sql`select count(*) as n from pgboss.job where name = 'email' and state in ('created', 'retry', 'active')`,
        )
      )[0].n,
    );
  if ((await pending()) === 0) return;
  const worker = await startWorker();
  try {
    await waitFor(async () => (await pending()) === 0, 30_000).catch(() => undefined);
  } finally {
    await worker.stop({ graceful: true, wait: true });
  }
}, 60_000);

describe('bad submissions are refused and leave nothing behind', () => {
  it('has a corpus of at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(description19).toHaveLength(19);
    expect(description5001).toHaveLength(5001);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const files = c.files ? await c.files() : [];
    const token = c.captcha ? await c.captcha() : await solvedAltcha();
    await expectRefused(buildFields(c.fields), files, token, { [c.field]: c.code });
  });

  it('refuses a replayed CAPTCHA solution, and the replay leaves nothing behind', async () => {
    const token = await solvedAltcha();
    const first = await submit(validFields(), [{ name: 'skrin.png', bytes: await pngBytes() }], token);
    expect(first.ok).toBe(true);

    const other = {
      ...validFields(),
      submissionKey: randomUUID(),
      name: 'Ahmad Bin Ismail',
      email: 'ahmad@example.gov.my',
      title: 'Laporan tidak boleh dicetak',
      description: 'Laporan penyata kewangan bulanan tidak boleh dicetak sejak pagi tadi.',
    };
    await expectRefused(other, [{ name: 'lampiran.pdf', bytes: pdfBytes() }], token, { captcha: 'captcha_replayed' });
  });

  it('reports several errors at once', async () => {
    await expectRefused(
      buildFields({ ic: '881301-03-5123', phone: '03-2345 6789', email: 'siti@', declaration: undefined }),
      [{ name: 'x.jpg', bytes: withHeader(enc('MZ'), 1024) }],
      undefined,
      {
        ic: 'ic_date',
        phone: 'phone_invalid',
        email: 'email_invalid',
        declaration: 'declaration_required',
        attachments: 'attachment_type',
        captcha: 'captcha_required',
      },
    );
  });
});

describe('the office behind one address', () => {
  it('has spent none of its complaint budget on all the refused submissions above', async () => {
    const [spent] = await getDb().select().from(rateLimits).where(eq(rateLimits.key, `submit-ip:${OFFICE_IP}`));
    // Only the accepted submission of the replay case counted.
    expect(spent?.points).toBe(1);
    expect(cases.length).toBeGreaterThan(getEnv().SUBMIT_RATE_LIMIT);
  });
});

describe('inputs at the edge that must be accepted', () => {
  it('accepts a description of exactly 5,000 characters', async () => {
    const description = 'Baki akaun tidak sepadan. '.repeat(200).slice(0, 4999) + '.';
    expect(description).toHaveLength(5000);
    const before = await counts();
    const result = await submit({ ...validFields(), description }, [], await solvedAltcha());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    expect(row.description).toBe(description);
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.jobs - before.jobs).toBe(1);
  });

  it('stores `<script>` in the description verbatim (escaping is the renderer’s job)', async () => {
    const description = 'Skrin memaparkan <script>alert(1)</script> selepas log masuk ke iSPEKS.';
    const result = await submit({ ...validFields(), description }, [], await solvedAltcha());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    expect(row.description).toBe(description);
  });
});
