// Validates a Yjs update (v1 encoding) without building a document, and describes what it holds:
// the clock ranges of its structs and of its deletions, per client. The server relays and stores
// updates as bytes, so this check is what keeps a malformed update out of the log: everything
// Yjs' own decoder would reject is rejected here, plus a few shapes Yjs never writes (trailing
// bytes, a client listed twice, empty structs). It is about 10× cheaper than `Y.decodeUpdate`.
import { err, ok, type Result } from '@tally/model/result';
import { Malformed, Reader } from './reader.ts';

export interface UpdateInfo {
  /** Struct clock ranges, flat triples `[client, start, end, …]`; gaps (Skip structs) excluded. */
  readonly structs: readonly number[];
  /** Deleted clock ranges, flat triples `[client, start, end, …]`. */
  readonly deletes: readonly number[];
  /** Where the delete set starts in the update's bytes. */
  readonly deleteSetOffset: number;
}

/** The empty update: no structs, no deletions. */
export const EMPTY_UPDATE: Uint8Array = Uint8Array.of(0, 0);

// Yjs itself only stops at a stack overflow; nothing Tally writes nests beyond a few levels.
const MAX_ANY_DEPTH = 128;

export function inspectUpdate(update: Uint8Array): Result<UpdateInfo, string> {
  try {
    return ok(read(new Reader(update)));
  } catch (e) {
    if (e instanceof Malformed) return err(e.message);
    // lib0-style decoders fail with RangeError on absurd nesting; anything else is a bug.
    if (e instanceof RangeError) return err('the update is nested too deeply');
    throw e;
  }
}

export function isEmpty(info: UpdateInfo): boolean {
  return info.structs.length === 0 && info.deletes.length === 0;
}

/** An update holding only the delete set of `update` (its structs dropped). */
export function deleteSetOnly(update: Uint8Array, info: UpdateInfo): Uint8Array {
  const ds = update.subarray(info.deleteSetOffset);
  const out = new Uint8Array(ds.length + 1);
  out[0] = 0; // no struct sections
  out.set(ds, 1);
  return out;
}

function read(r: Reader): UpdateInfo {
  const structs: number[] = [];
  const sections = r.varUint();
  const seen = new Set<number>();
  for (let s = 0; s < sections; s++) {
    const count = r.varUint();
    const client = r.varUint();
    if (seen.has(client)) throw new Malformed(`client ${client} appears twice`);
    seen.add(client);
    let clock = r.varUint();
    let start = clock;
    for (let i = 0; i < count; i++) {
      const info = r.uint8();
      const ref = info & 0x1f;
      let length: number;
      if (ref === 0) {
        length = r.varUint(); // GC
      } else if (ref === 10) {
        // Skip: a gap in a merged update, not content.
        const gap = r.varUint();
        if (clock > start) structs.push(client, start, clock);
        clock += gap;
        start = clock;
        checkClock(clock);
        continue;
      } else {
        length = readItem(r, info, ref, client, clock);
      }
      if (length <= 0) throw new Malformed('a struct has no length');
      clock += length;
      checkClock(clock);
    }
    if (clock > start) structs.push(client, start, clock);
  }
  const deleteSetOffset = r.pos;
  const deletes: number[] = [];
  const clients = r.varUint();
  for (let c = 0; c < clients; c++) {
    const client = r.varUint();
    const count = r.varUint();
    for (let i = 0; i < count; i++) {
      const clock = r.varUint();
      const length = r.varUint();
      // Yjs fails on an empty deletion when it has to keep it for later.
      if (length === 0) throw new Malformed('a deletion has no length');
      const end = clock + length;
      checkClock(end);
      deletes.push(client, clock, end);
    }
  }
  if (r.remaining !== 0) throw new Malformed(`${r.remaining} unexpected bytes after the update`);
  return { structs, deletes, deleteSetOffset };
}

function checkClock(clock: number): void {
  if (clock > Number.MAX_SAFE_INTEGER) throw new Malformed('clock out of range');
}

/** Reads an Item (origin, right origin, parent, content); returns its length. */
function readItem(r: Reader, info: number, ref: number, client: number, clock: number): number {
  if ((info & 0x80) !== 0) readRef(r, client, clock); // origin
  if ((info & 0x40) !== 0) readRef(r, client, clock); // right origin
  if ((info & 0xc0) === 0) {
    // No origins, so the parent is spelled out: a root type's name or the id of an item.
    if (r.varUint() === 1) r.skipString();
    else readRef(r, client, clock);
    if ((info & 0x20) !== 0) r.skipString(); // key within a map
  }
  switch (ref) {
    case 1: // deleted content
      return r.varUint();
    case 2: {
      // JSON (legacy): each entry a JSON string, or 'undefined'
      const n = r.varUint();
      for (let i = 0; i < n; i++) {
        const text = r.string();
        if (text !== 'undefined') parseJson(text);
      }
      return n;
    }
    case 3: // binary
      r.varUint8Array();
      return 1;
    case 4: // string: its length counts UTF-16 code units, as in JavaScript
      return r.skipString();
    case 5: // embed
      parseJson(r.string());
      return 1;
    case 6: // format
      r.skipString();
      parseJson(r.string());
      return 1;
    case 7: {
      // a nested type
      const typeRef = r.varUint();
      if (typeRef > 6) throw new Malformed(`unknown type ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) r.skipString(); // XML element name, hook name
      return 1;
    }
    case 8: {
      // any (lib0 encoding)
      const n = r.varUint();
      for (let i = 0; i < n; i++) skipAny(r, 0);
      return n;
    }
    case 9: // sub-document: guid and options
      r.skipString();
      skipAny(r, 0);
      return 1;
    default:
      throw new Malformed(`unknown content type ${ref}`);
  }
}

/**
 * Reads the id of another item. Yjs integrates a client's items in clock order and so assumes,
 * without checking, that an item only refers to earlier items of its own client; an update
 * that breaks this makes Yjs throw mid-integration, so it is refused here.
 */
function readRef(r: Reader, client: number, clock: number): void {
  const refClient = r.varUint();
  const refClock = r.varUint();
  if (refClient === client && refClock >= clock) {
    throw new Malformed(`an item of client ${client} refers to itself or a later item`);
  }
}

function parseJson(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new Malformed('embedded JSON does not parse');
  }
}

function skipAny(r: Reader, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new Malformed('a value is nested too deeply');
  const type = r.uint8();
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      r.skipVarInt();
      return;
    case 124:
      r.skip(4);
      return;
    case 123:
    case 122:
      r.skip(8);
      return;
    case 119:
      r.skipString();
      return;
    case 118: {
      const n = r.varUint();
      for (let i = 0; i < n; i++) {
        r.skipString();
        skipAny(r, depth + 1);
      }
      return;
    }
    case 117: {
      const n = r.varUint();
      for (let i = 0; i < n; i++) skipAny(r, depth + 1);
      return;
    }
    case 116:
      r.varUint8Array();
      return;
    default:
      throw new Malformed(`unknown value type ${type}`);
  }
}
