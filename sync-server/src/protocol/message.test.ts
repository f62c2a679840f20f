import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  encodeAwareness,
  encodeStateVector,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  KEEPALIVE,
  parseMessage,
  readStateVector,
} from './message.ts';

function framed(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('parseMessage', () => {
  const doc = new Y.Doc();
  doc.getMap('records').set('a', 1);

  it('reads what y-protocols writes', () => {
    const step1 = framed((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    const m1 = parseMessage(step1);
    expect(m1.ok && m1.value.type).toBe('sync-step-1');
    expect(m1.ok && m1.value.type === 'sync-step-1' && m1.value.clocks.get(doc.clientID)).toBe(1);

    const step2 = framed((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    const m2 = parseMessage(step2);
    expect(m2.ok && m2.value.type).toBe('sync-step-2');

    const update = framed((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    const m3 = parseMessage(update);
    expect(m3.ok && m3.value.type === 'update' && m3.value.frame).toBe(update);

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'phone', color: '#f00' } });
    const aw = framed((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      );
    });
    const m4 = parseMessage(aw);
    expect(m4.ok && m4.value.type === 'awareness' && m4.value.entries).toEqual([
      {
        clientId: doc.clientID,
        clock: 1,
        state: JSON.stringify({ user: { name: 'phone', color: '#f00' } }),
      },
    ]);
    awareness.destroy();

    expect(parseMessage(Uint8Array.of(3)).ok).toBe(true);
  });

  it('writes what y-protocols reads', () => {
    const update = Y.encodeStateAsUpdate(doc);
    for (const [frame, step] of [
      [encodeSyncStep2(update), syncProtocol.messageYjsSyncStep2],
      [encodeUpdate(update), syncProtocol.messageYjsUpdate],
    ] as const) {
      const target = new Y.Doc();
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(0);
      expect(syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), target, null)).toBe(
        step,
      );
      expect(target.getMap('records').get('a')).toBe(1);
    }
    const target = new Y.Doc();

    const sv = encodeStateVector([
      [7, 3],
      [2 ** 40, 9],
    ]);
    expect(readStateVector(sv)).toEqual(
      new Map([
        [7, 3],
        [2 ** 40, 9],
      ]),
    );
    expect(Y.decodeStateVector(sv)).toEqual(
      new Map([
        [7, 3],
        [2 ** 40, 9],
      ]),
    );
    expect(parseMessage(encodeSyncStep1(sv)).ok).toBe(true);

    const awareness = new awarenessProtocol.Awareness(target);
    const entries = [{ clientId: 42, clock: 3, state: '{"user":{"name":"laptop"}}' }];
    const frame = encodeAwareness(entries);
    const inner = parseMessage(frame);
    expect(inner.ok && inner.value.type === 'awareness' && inner.value.entries).toEqual(entries);
    awarenessProtocol.applyAwarenessUpdate(awareness, frame.subarray(2), 'test');
    expect(awareness.getStates().get(42)).toEqual({ user: { name: 'laptop' } });
    awareness.destroy();
  });

  it('the keepalive is an awareness update that changes nothing', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    let changes = 0;
    awareness.on('update', () => changes++);
    const m = parseMessage(KEEPALIVE);
    expect(m.ok && m.value.type === 'awareness' && m.value.entries).toEqual([]);
    awarenessProtocol.applyAwarenessUpdate(awareness, KEEPALIVE.subarray(2), 'server');
    expect(changes).toBe(0);
    awareness.destroy();
  });

  it.each([
    ['an empty frame', []],
    ['a truncated varint', [0x80]],
    ['an unknown message type', [9]],
    ['an auth message (server to client only)', [2, 0, 0]],
    ['an unknown sync step', [0, 5, 0]],
    ['a sync message without payload', [0, 0]],
    ['a payload longer than the frame', [0, 2, 10, 0, 0]],
    ['bytes after the message', [0, 2, 2, 0, 0, 0]],
    ['an update that is not one', [0, 2, 3, 1, 1, 1]],
    ['a state vector with bytes left over', [0, 0, 4, 1, 1, 1, 0]],
    ['a query-awareness with bytes after it', [3, 0]],
    ['an awareness state that is not JSON', [1, 6, 1, 1, 1, 2, 123, 120]],
    ['an awareness update with bytes left over', [1, 2, 0, 0]],
  ])('refuses %s', (_what, bytes) => {
    const result = parseMessage(Uint8Array.from(bytes));
    expect(result.ok).toBe(false);
    expect(result.ok || result.error.length > 0).toBe(true);
  });
});
