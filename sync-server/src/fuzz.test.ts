// More than 10,000 malformed frames from several sockets at once, while two honest clients keep
// editing: each bad frame closes only its own connection (4400), nothing bad is stored, the
// honest clients converge, and the server carries on.
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '@tally/model/testing';
import { parseMessage } from './protocol/message.ts';
import { inspectUpdate } from './protocol/update.ts';
import { decodeBundle } from './storage/bundle.ts';
import type { BlastJob, BlastReport } from './testing/blaster.ts';
import { entries, startTestServer, synced, until } from './testing/harness.ts';

const SEED = 4_400;
const FRAMES = 10_000;
const SOCKETS = 8;

/** A malformed message of one of the kinds a broken or hostile client sends. */
function malformedFrame(
  random: () => number,
  valid: Uint8Array[],
): { bytes: Uint8Array; text: boolean } {
  const int = (n: number): number => Math.floor(random() * n);
  const bytes = (n: number): number[] => Array.from({ length: n }, () => int(256));
  for (;;) {
    let candidate: number[];
    let text = false;
    switch (int(7)) {
      case 0: // random bytes
        candidate = bytes(1 + int(64));
        break;
      case 1: // truncated varints
        candidate = [[0x80], [0, 0x80], [0, 2, 0xff, 0xff], [1, 0x80, 0x80], [0x81]][
          int(5)
        ] as number[];
        break;
      case 2: // message types that do not exist or only go the other way
        candidate = [[2, 0, 0], [4], [9, 1, 2], [0, 7, 0], [127, 0], [0, 3, 1, 0]][
          int(6)
        ] as number[];
        break;
      case 3: {
        // a real update, cut short
        const u = valid[int(valid.length)] as Uint8Array;
        candidate = [
          0,
          2,
          u.length,
          ...u.subarray(0, u.length - 1 - int(Math.min(8, u.length - 1))),
        ];
        break;
      }
      case 4: {
        // a real update with bytes flipped
        const u = Array.from(valid[int(valid.length)] as Uint8Array);
        for (let i = 0; i < 1 + int(4); i++) u[int(u.length)] = int(256);
        candidate = [0, 2, u.length, ...u];
        break;
      }
      case 5: // a sync message with trailing garbage or a lying length
        candidate = [0, int(3), 40, ...bytes(int(30))];
        break;
      default: // a text frame (valid UTF-8; ws itself refuses invalid UTF-8 with 1007)
        candidate = Array.from({ length: 1 + int(16) }, () => 32 + int(95));
        text = true;
    }
    const frame = Uint8Array.from(candidate);
    // Only frames the protocol refuses count (a random mutation can still be a valid update).
    if (text || !parseMessage(frame).ok) return { bytes: frame, text };
  }
}

/** A client-to-server WebSocket frame (masked with a zero key, which is allowed). */
function wsFrame(payload: Uint8Array, text: boolean): Buffer {
  const head =
    payload.length < 126
      ? [text ? 0x81 : 0x82, 0x80 | payload.length]
      : [text ? 0x81 : 0x82, 0x80 | 126, payload.length >> 8, payload.length & 0xff];
  return Buffer.concat([Buffer.from(head), Buffer.from([0, 0, 0, 0]), Buffer.from(payload)]);
}

describe('fuzz', () => {
  it(`closes only the offending connection for each of ${FRAMES} malformed frames while honest clients converge`, async () => {
    const t = await startTestServer({ logLevel: 'error' });
    const alice = await t.user();
    const { port } = new URL(t.url);
    const a = t.provider(alice, 'bills');
    const b = t.provider(alice, 'bills');
    await Promise.all([synced(a), synced(b)]);

    const samples: Uint8Array[] = [];
    const sampleDoc = new Y.Doc();
    sampleDoc.on('update', (u: Uint8Array) => samples.push(u));
    for (let i = 0; i < 20; i++)
      sampleDoc.getMap('records').set(`s${i}`, { n: i, text: `sample ${i}` });

    const random = prng(SEED);
    const frames = Array.from({ length: FRAMES }, () => {
      const { bytes, text } = malformedFrame(random, samples);
      return wsFrame(bytes, text);
    });
    let edits = 0;
    const codes = await new Promise<Map<number, number>>((resolve, reject) => {
      const worker = new Worker(new URL('./testing/blaster.ts', import.meta.url), {
        workerData: {
          port: Number(port),
          token: alice.token,
          frames,
          sockets: SOCKETS,
        } satisfies BlastJob,
      });
      worker.on('message', (report: BlastReport) => {
        if (report.kind === 'done') {
          resolve(new Map(report.codes));
          return;
        }
        // The honest clients keep editing throughout.
        edits++;
        a.doc.getMap('records').set(`a${edits}`, { n: edits });
        b.doc.getMap('records').set(`b${edits}`, { n: edits });
      });
      worker.on('error', reject);
    });
    expect(codes.get(4400), `close codes ${JSON.stringify([...codes])}, seed ${SEED}`).toBe(FRAMES);
    expect(edits).toBe(FRAMES / 100);

    const want = (d: Y.Doc): boolean => Object.keys(entries(d)).length === 2 * edits;
    await until(a.doc, want, 'a to have every edit');
    await until(b.doc, want, 'b to have every edit');
    expect(entries(a.doc)).toEqual(entries(b.doc));
    expect(a.wsconnected && b.wsconnected).toBe(true);

    // Nothing malformed reached the log; the stored state is exactly the honest one.
    const db = new Database(t.database, { readonly: true });
    const rows = db.prepare('SELECT data FROM doc_updates').all() as { data: Buffer }[];
    const snap = db.prepare('SELECT state FROM doc_snapshots').all() as { state: Buffer }[];
    db.close();
    const stored = new Y.Doc();
    for (const { state } of snap) {
      expect(inspectUpdate(state).ok).toBe(true);
      Y.applyUpdate(stored, state);
    }
    for (const { data } of rows) {
      const bundle = decodeBundle(data);
      if (!bundle.ok) throw new Error(bundle.error);
      for (const update of bundle.value) {
        expect(inspectUpdate(update).ok).toBe(true);
        Y.applyUpdate(stored, update);
      }
    }
    expect(entries(stored)).toEqual(entries(a.doc));
    const fresh = t.provider(alice, 'bills');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(a.doc));
  });
});
