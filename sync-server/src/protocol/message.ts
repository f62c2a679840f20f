// The y-websocket wire protocol: one message per WebSocket frame, a varint message type first.
//   0 sync:      0 SyncStep1 (state vector) · 1 SyncStep2 (update) · 2 Update (update)
//   1 awareness: an awareness update (client id, clock, JSON state per entry)
//   2 auth:      server → client only (permission denied)
//   3 query-awareness: asks for every known awareness state
// Parsing validates a frame completely, so the layers above only ever see well-formed messages.
import { err, ok, type Result } from '@tally/model/result';
import { Malformed, Reader } from './reader.ts';
import { inspectUpdate, type UpdateInfo } from './update.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The JSON text of the state; `'null'` when the client went away. */
  readonly state: string;
}

export type Message =
  | {
      readonly type: 'sync-step-1';
      /** The client's state vector, encoded (for `Y.diffUpdate`) and decoded. */
      readonly stateVector: Uint8Array;
      readonly clocks: ReadonlyMap<number, number>;
    }
  | {
      readonly type: 'sync-step-2' | 'update';
      readonly update: Uint8Array;
      readonly info: UpdateInfo;
      /** The whole frame, relayed as it is when the message is an Update. */
      readonly frame: Uint8Array;
    }
  | {
      readonly type: 'awareness';
      readonly entries: readonly AwarenessEntry[];
      readonly frame: Uint8Array;
    }
  | { readonly type: 'query-awareness' };

export function parseMessage(frame: Uint8Array): Result<Message, string> {
  try {
    return parse(new Reader(frame));
  } catch (e) {
    if (e instanceof Malformed) return err(e.message);
    throw e;
  }
}

function parse(r: Reader): Result<Message, string> {
  const type = r.varUint();
  switch (type) {
    case MESSAGE_SYNC: {
      const step = r.varUint();
      const payload = r.varUint8Array();
      end(r);
      if (step === SYNC_STEP_1) {
        const clocks = readStateVector(payload);
        return ok({ type: 'sync-step-1', stateVector: payload, clocks });
      }
      if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE)
        return err(`unknown sync message type ${step}`);
      const info = inspectUpdate(payload);
      if (!info.ok) return err(`invalid update: ${info.error}`);
      return ok({
        type: step === SYNC_STEP_2 ? 'sync-step-2' : 'update',
        update: payload,
        info: info.value,
        frame: r.bytes,
      });
    }
    case MESSAGE_AWARENESS: {
      const payload = r.varUint8Array();
      end(r);
      return ok({ type: 'awareness', entries: readAwareness(payload), frame: r.bytes });
    }
    case MESSAGE_QUERY_AWARENESS:
      end(r);
      return ok({ type: 'query-awareness' });
    case MESSAGE_AUTH:
      return err('auth messages only go from the server to clients');
    default:
      return err(`unknown message type ${type}`);
  }
}

function end(r: Reader): void {
  if (r.remaining !== 0) throw new Malformed(`${r.remaining} unexpected bytes after the message`);
}

export function readStateVector(bytes: Uint8Array): Map<number, number> {
  const r = new Reader(bytes);
  const n = r.varUint();
  const clocks = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const client = r.varUint();
    clocks.set(client, r.varUint());
  }
  if (r.remaining !== 0) throw new Malformed('unexpected bytes after the state vector');
  return clocks;
}

function readAwareness(bytes: Uint8Array): AwarenessEntry[] {
  const r = new Reader(bytes);
  const n = r.varUint();
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = r.varUint();
    const clock = r.varUint();
    const state = r.string();
    try {
      JSON.parse(state);
    } catch {
      throw new Malformed('an awareness state is not JSON');
    }
    entries.push({ clientId, clock, state });
  }
  if (r.remaining !== 0) throw new Malformed('unexpected bytes after the awareness update');
  return entries;
}

// ---- encoding ----

function varUintLength(n: number): number {
  let len = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarUint(out: Uint8Array, pos: number, n: number): number {
  while (n > 0x7f) {
    out[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[pos++] = n;
  return pos;
}

function frameOf(prefix: readonly number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + varUintLength(payload.length) + payload.length);
  out.set(prefix);
  const pos = writeVarUint(out, prefix.length, payload.length);
  out.set(payload, pos);
  return out;
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frameOf([MESSAGE_SYNC, SYNC_STEP_1], stateVector);
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  frameOf([MESSAGE_SYNC, SYNC_STEP_2], update);
export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frameOf([MESSAGE_SYNC, SYNC_UPDATE], update);

export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const text = new TextEncoder();
  const parts: number[] = [];
  const push = (n: number): void => {
    while (n > 0x7f) {
      parts.push((n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    parts.push(n);
  };
  push(entries.length);
  for (const e of entries) {
    push(e.clientId);
    push(e.clock);
    const bytes = text.encode(e.state);
    push(bytes.length);
    for (const b of bytes) parts.push(b);
  }
  return frameOf([MESSAGE_AWARENESS], Uint8Array.from(parts));
}

/** An empty awareness update: the y-websocket client ignores it, but it proves we are alive. */
export const KEEPALIVE: Uint8Array = Uint8Array.of(MESSAGE_AWARENESS, 1, 0);

/** Encodes a state vector (client → clock) the way Yjs does. */
export function encodeStateVector(clocks: Iterable<readonly [number, number]>): Uint8Array {
  const list = [...clocks];
  let size = varUintLength(list.length);
  for (const [client, clock] of list) size += varUintLength(client) + varUintLength(clock);
  const out = new Uint8Array(size);
  let pos = writeVarUint(out, 0, list.length);
  for (const [client, clock] of list) {
    pos = writeVarUint(out, pos, client);
    pos = writeVarUint(out, pos, clock);
  }
  return out;
}
