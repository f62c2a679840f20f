// How a doc_updates row holds the updates one commit appended to a document: each update
// prefixed with its length (a lib0 varUint), back to back. A flood of edits to one document
// then costs one row per commit instead of one per update.
import { err, ok, type Result } from '@tally/model/result';
import { Malformed, Reader } from '../protocol/reader.ts';

export function encodeBundle(updates: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const u of updates) size += lengthOfVarUint(u.length) + u.length;
  const out = new Uint8Array(size);
  let pos = 0;
  for (const u of updates) {
    let n = u.length;
    while (n > 0x7f) {
      out[pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    out[pos++] = n;
    out.set(u, pos);
    pos += u.length;
  }
  return out;
}

export function decodeBundle(row: Uint8Array): Result<Uint8Array[], string> {
  const r = new Reader(row);
  const updates: Uint8Array[] = [];
  try {
    while (r.remaining > 0) updates.push(r.varUint8Array());
  } catch (e) {
    if (e instanceof Malformed) return err(e.message);
    throw e;
  }
  return updates.length > 0 ? ok(updates) : err('the row is empty');
}

function lengthOfVarUint(n: number): number {
  let len = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}
