import { inflateSync } from 'node:zlib';

// A PDF with active content is refused (docs/SECURITY.md): scripts (/JavaScript, /JS), actions run
// on opening or on events (/OpenAction other than "open at this page", /AA), launching programs
// (/Launch), files inside the file (/EmbeddedFile, /EmbeddedFiles), Flash/3D (/RichMedia), and
// HTML after the %PDF header (a polyglot a browser could render). Names written with #xx escapes
// are decoded first, and compressed (Flate) streams, object streams included, are read too.

const ACTIVE_NAME = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|AA|OpenAction)(?=[\s/<>[\]()%{}]|$)/;
const HTML = /<\s*(html|script|body|iframe|svg|!doctype|object|embed)\b/i;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024; // all streams together: no zip bomb

/** `/J#61vaScript` is `/JavaScript`: decode #xx inside names. */
function decodeNames(text: string): string {
  return text.replace(/\/[^\s/<>[\]()%{}]+/g, (name) => name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
}

function hasActiveName(text: string): boolean {
  const decoded = decodeNames(text);
  for (const m of decoded.matchAll(new RegExp(ACTIVE_NAME, 'g'))) {
    // "/OpenAction [3 0 R /Fit]" only says where the document opens: harmless, and common.
    if (m[1] === 'OpenAction' && /^\/OpenAction\s*\[/.test(decoded.slice(m.index, m.index + 40))) continue;
    return true;
  }
  return false;
}

/** The decompressed contents of the file's Flate streams (as far as they inflate), within a byte budget. */
function inflatedStreams(text: string, bytes: Uint8Array): string[] {
  const out: string[] = [];
  let budget = MAX_INFLATED_BYTES;
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m && budget > 0; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
      budget -= inflated.byteLength;
      out.push(inflated.toString('latin1'));
    } catch {
      // not Flate, or truncated: its raw bytes were already scanned
    }
    re.lastIndex = end;
  }
  return out;
}

/** True when the PDF carries active content or HTML. */
export function pdfHasActiveContent(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (HTML.test(text) || hasActiveName(text)) return true;
  return inflatedStreams(text, bytes).some((s) => HTML.test(s) || hasActiveName(s));
}
