// Statement files arrive as bytes in whatever encoding the bank chose: UTF-8 with or without a
// BOM, UTF-16 from spreadsheet "Unicode text" exports, windows-1252 or ISO-8859-1 from older OFX
// servers (declared in the header) and European CSV exports (declared nowhere). TextDecoder is
// available in workers and Node alike, so this stays pure.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';

export const encodings: readonly Encoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
];

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** The file started with a byte order mark (it is not part of `text`). */
  bom: boolean;
  /** What the file itself said (an OFX `CHARSET:`/`ENCODING:` header or `<?xml encoding?>`). */
  declared?: Encoding;
  /** Why this encoding was chosen, for the preview ("declared CHARSET:8859-1"). */
  reason: string;
}

/**
 * Decodes a statement file. `forced` is the user's choice in the preview and wins over every
 * guess. Otherwise: a BOM decides; then UTF-16 recognised by its zero bytes; then the file's own
 * declaration, unless it names a single-byte charset and the bytes are valid multi-byte UTF-8
 * (servers often label UTF-8 as 1252, and 1252 text is almost never valid UTF-8 by chance);
 * then UTF-8 if the bytes are valid UTF-8; else windows-1252, which decodes any byte.
 */
export function decode(bytes: Uint8Array, forced?: Encoding): Decoded {
  const bom = bomOf(bytes);
  if (forced) {
    return {
      text: decodeAs(bytes, forced),
      encoding: forced,
      bom: bom === forced,
      reason: 'chosen by you',
    };
  }
  if (bom)
    return { text: decodeAs(bytes, bom), encoding: bom, bom: true, reason: 'byte order mark' };

  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    return {
      text: decodeAs(bytes, utf16),
      encoding: utf16,
      bom: false,
      reason: 'UTF-16 zero bytes',
    };
  }

  const declared = declaredEncoding(bytes);
  const utf8 = tryUtf8(bytes);
  if (declared === 'utf-8') {
    return utf8 !== undefined
      ? { text: utf8, encoding: 'utf-8', bom: false, declared, reason: 'declared UTF-8' }
      : {
          text: decodeAs(bytes, 'windows-1252'),
          encoding: 'windows-1252',
          bom: false,
          declared,
          reason: 'declared UTF-8, but the bytes are not valid UTF-8',
        };
  }
  if (declared) {
    if (utf8 !== undefined && hasNonAscii(bytes)) {
      return {
        text: utf8,
        encoding: 'utf-8',
        bom: false,
        declared,
        reason: `declared ${declared}, but the bytes are valid UTF-8`,
      };
    }
    return {
      text: decodeAs(bytes, declared),
      encoding: declared,
      bom: false,
      declared,
      reason: `declared ${declared}`,
    };
  }
  if (utf8 !== undefined) {
    return { text: utf8, encoding: 'utf-8', bom: false, reason: 'valid UTF-8' };
  }
  return {
    text: decodeAs(bytes, 'windows-1252'),
    encoding: 'windows-1252',
    bom: false,
    reason: 'not valid UTF-8, read as windows-1252',
  };
}

function bomOf(bytes: Uint8Array): Encoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  // The WHATWG "iso-8859-1" label is windows-1252, which is what files labelled 8859-1 mean in
  // practice (0x80 is €, not a control character).
  return new TextDecoder(encoding).decode(bytes);
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** ASCII text in UTF-16 has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): Encoding | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** The charset named by an OFX 1.x header or an XML declaration, read from the first 1 KB. */
export function declaredEncoding(bytes: Uint8Array): Encoding | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const xml = /<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return encodingFromLabel(xml[1]);
  if (!/^\s*OFXHEADER\s*:/i.test(head)) return undefined;
  const fields = new Map<string, string>();
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (line.trimStart().startsWith('<')) break;
    const m = /^\s*([A-Z]+)\s*:\s*(.*?)\s*$/i.exec(line);
    if (m?.[1] && m[2] !== undefined) fields.set(m[1].toUpperCase(), m[2]);
  }
  const encoding = fields.get('ENCODING')?.toUpperCase();
  if (encoding === 'UTF-8' || encoding === 'UTF8') return 'utf-8';
  const charset = fields.get('CHARSET');
  return charset ? encodingFromLabel(charset) : undefined;
}

function encodingFromLabel(label: string): Encoding | undefined {
  const l = label.trim().toUpperCase().replace(/_/g, '-');
  if (l === 'UTF-8' || l === 'UTF8') return 'utf-8';
  if (l === '1252' || l === 'WINDOWS-1252' || l === 'CP1252') return 'windows-1252';
  if (
    l === '8859-1' ||
    l === 'ISO-8859-1' ||
    l === 'ISO8859-1' ||
    l === 'LATIN1' ||
    l === 'LATIN-1'
  )
    return 'iso-8859-1';
  return undefined; // NONE, USASCII and charsets we do not know: decide from the bytes.
}

export type BinaryKind = 'pdf' | 'zip' | 'ole' | 'gzip' | 'binary';

/**
 * Recognises files that are not text at all, so the error can say what they are: a PDF
 * statement, an Excel workbook (zip or old OLE), a compressed file, or other binary data.
 */
export function sniffBinary(bytes: Uint8Array, text: string): BinaryKind | undefined {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'ole';
  if (starts(0x1f, 0x8b)) return 'gzip';
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return 'binary';
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 0x1a) || c === 0xfffd)
      control++;
  }
  return sample.length > 0 && control / sample.length > 0.05 ? 'binary' : undefined;
}
