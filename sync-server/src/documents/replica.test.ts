import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { prng } from '@tally/model/testing';
import { readStateVector } from '../protocol/message.ts';
import { inspectUpdate } from '../protocol/update.ts';
import type { StoredDoc } from '../storage/port.ts';
import { compactParts } from './compaction.ts';
import { Replica } from './replica.ts';

/** Random edits by three clients, with the updates in the order a server would receive them. */
function history(seed: number, steps = 120): { updates: Uint8Array[]; final: Y.Doc } {
  const random = prng(seed);
  const clients = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const c of clients) {
    c.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      updates.push(u);
      for (const other of clients) if (other !== c) Y.applyUpdate(other, u, 'remote');
    });
  }
  for (let i = 0; i < steps; i++) {
    const c = clients[Math.floor(random() * clients.length)] as Y.Doc;
    const records = c.getMap<Y.Map<unknown>>('records');
    const keys = [...records.keys()];
    const r = random();
    if (r < 0.5 || keys.length === 0) {
      c.transact(() => {
        const m = new Y.Map<unknown>();
        records.set(`r${i}`, m);
        m.set('amount', Math.floor(random() * 1e6));
        m.set('note', `note ${i}`);
      });
    } else if (r < 0.8) {
      records.get(keys[Math.floor(random() * keys.length)] as string)?.set('amount', i);
    } else {
      records.delete(keys[Math.floor(random() * keys.length)] as string);
    }
  }
  return { updates, final: clients[0] as Y.Doc };
}

function stored(updates: Uint8Array[], snapshotUpTo: number): StoredDoc {
  const head = updates.slice(0, snapshotUpTo);
  return {
    id: 1,
    snapshot: head.length > 0 ? Y.mergeUpdates(head) : null,
    snapshotSeq: snapshotUpTo,
    updates: updates.slice(snapshotUpTo).map((data, i) => ({ seq: snapshotUpTo + i + 1, data })),
    gcAt: 0,
  };
}

/** Applies the frames a server sends, as the y-websocket client does. */
function receive(doc: Y.Doc, frames: Uint8Array[]): void {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(0);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
  }
}

function askFor(replica: Replica, doc: Y.Doc): Uint8Array[] {
  const sv = Y.encodeStateVector(doc);
  return replica.answer(readStateVector(sv), sv);
}

describe('Replica', () => {
  it.each([
    [1, 0],
    [2, 40],
    [3, 120],
  ])(
    'answers every client state with what it lacks (seed %i, snapshot of %i updates)',
    (seed, upTo) => {
      const { updates, final } = history(seed);
      const loaded = Replica.fromStored(stored(updates, Math.min(upTo, updates.length)));
      if (!loaded.ok) throw new Error(loaded.error);
      const replica = loaded.value;
      const want = final.getMap('records').toJSON();

      const fresh = new Y.Doc();
      receive(fresh, askFor(replica, fresh));
      expect(fresh.getMap('records').toJSON()).toEqual(want);

      for (const cut of [1, Math.floor(updates.length / 3), updates.length - 1]) {
        const partial = new Y.Doc();
        for (const u of updates.slice(0, cut)) Y.applyUpdate(partial, u);
        const frames = askFor(replica, partial);
        expect(frames[frames.length - 1]?.[1]).toBe(1); // ends with SyncStep2
        receive(partial, frames);
        expect(partial.getMap('records').toJSON()).toEqual(want);
      }
      // An up-to-date client is sent no structs, at most deletions.
      for (const frame of askFor(replica, final)) {
        const payload = decoding.readVarUint8Array(decoding.createDecoder(frame.subarray(2)));
        const info = inspectUpdate(payload);
        expect(info.ok && info.value.structs).toEqual([]);
      }
    },
  );

  it('reports the state vector a Y.Doc would, and knows what it already holds', () => {
    const { updates, final } = history(4);
    const loaded = Replica.fromStored(stored(updates, 30));
    if (!loaded.ok) throw new Error(loaded.error);
    const replica = loaded.value;
    expect(Y.decodeStateVector(replica.stateVector())).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(final)),
    );
    for (const u of updates) {
      const info = inspectUpdate(u);
      expect(info.ok && replica.holds(info.value)).toBe(true);
    }
    // Every client re-sends its whole delete set on connect: nothing new in it.
    const dsOnly = Y.encodeStateAsUpdate(final, Y.encodeStateVector(final));
    const ds = inspectUpdate(dsOnly);
    expect(ds.ok && replica.holds(ds.value)).toBe(true);
    const other = new Y.Doc();
    other.getMap('records').set('new', 1);
    const fresh = inspectUpdate(Y.encodeStateAsUpdate(other));
    expect(fresh.ok && replica.holds(fresh.value)).toBe(false);
  });

  it('refuses to load a damaged row rather than serve less', () => {
    const { updates } = history(5, 10);
    const doc = stored(updates, 3);
    const damaged: StoredDoc = {
      ...doc,
      updates: [...doc.updates, { seq: 99, data: Uint8Array.of(1, 2, 3) }],
    };
    const loaded = Replica.fromStored(damaged);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toMatch(/update 99/);
  });

  it('drops deleted content only when garbage-collecting', () => {
    const doc = new Y.Doc({ gc: false });
    const records = doc.getMap('records');
    for (let i = 0; i < 100; i++) records.set(`r${i}`, 'x'.repeat(100));
    for (let i = 0; i < 100; i++) records.delete(`r${i}`);
    records.set('kept', 1);
    const parts = [Y.encodeStateAsUpdate(doc)];
    const merged = compactParts(parts, false);
    const collected = compactParts(parts, true);
    expect(collected.state.length).toBeLessThan(merged.state.length / 5);
    const a = new Y.Doc();
    Y.applyUpdate(a, collected.state);
    expect(a.getMap('records').toJSON()).toEqual({ kept: 1 });
  });

  it.each([false, true])('keeps the same content through a compaction (gc %s)', (gc) => {
    const { updates, final } = history(6);
    const loaded = Replica.fromStored(stored(updates, 10));
    if (!loaded.ok) throw new Error(loaded.error);
    const replica = loaded.value;
    const input = replica.compactionInput();
    if (!input) throw new Error('nothing to compact');
    const result = compactParts(input.parts, gc);
    replica.applyCompaction(result.state, result.info, input.uptoSeq, gc ? 1 : undefined);
    expect(replica.logLength).toBe(0);
    const fresh = new Y.Doc();
    receive(fresh, askFor(replica, fresh));
    expect(fresh.getMap('records').toJSON()).toEqual(final.getMap('records').toJSON());
  });
});
