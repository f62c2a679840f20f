// Content hashes and content-derived ids. SHA-256 through WebCrypto, which workers and Node
// both have. A content-derived id is a ULID whose time is the workout's start (so it lands in
// that year's document) and whose random part comes from the content: two devices importing
// the same file create the same record id, and their syncs converge instead of duplicating.
import { encodeTime } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** SHA-256 of the bytes, lower-case hex (the `contentHash` of a source). */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A ULID with `start` as its time and the first 80 bits of `keyHex` (a SHA-256 hex string) as
 * its random part.
 */
export function contentId(start: number, keyHex: string): string {
  if (!/^[0-9a-f]{20,}$/.test(keyHex)) throw new RangeError('contentId needs a hex digest');
  let bits = '';
  for (const ch of keyHex.slice(0, 20)) bits += parseInt(ch, 16).toString(2).padStart(4, '0');
  let random = '';
  for (let i = 0; i < 80; i += 5) random += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)];
  return encodeTime(Math.max(0, Math.floor(start)), 10) + random;
}
