import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '@tally/model/testing';
import { deleteSetOnly, inspectUpdate, isEmpty } from './update.ts';

/** Updates from a doc that exercises every content type Yjs writes. */
function richUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const map = doc.getMap('records');
  const rec = new Y.Map<unknown>();
  map.set('r1', rec);
  rec.set('amount', 123456);
  rec.set('negative', -42);
  rec.set('float', 1.5);
  rec.set('big', 2 ** 60);
  rec.set('flags', [true, false, null, undefined]);
  rec.set('nested', { a: { b: ['x', 1, { c: 'é😀' }] } });
  rec.set('bytes', new Uint8Array([1, 2, 3]));
  const text = new Y.Text();
  rec.set('note', text);
  text.insert(0, 'hello wörld 😀');
  text.format(0, 5, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  const arr = doc.getArray('list');
  arr.insert(0, ['a', 'b', 'c']);
  arr.delete(1, 1);
  const xml = doc.getXmlFragment('xml');
  const el = new Y.XmlElement('p');
  xml.insert(0, [el, new Y.XmlText('t')]);
  el.setAttribute('class', 'x');
  map.delete('r1');
  rec.set('after', 'gone');
  return out;
}

describe('inspectUpdate', () => {
  it('accepts what Yjs writes and reports the same clock ranges as Yjs', () => {
    const updates = richUpdates();
    updates.push(Y.mergeUpdates(updates));
    for (const update of updates) {
      const info = inspectUpdate(update);
      expect(info.ok).toBe(true);
      if (!info.ok) continue;
      const meta = Y.parseUpdateMeta(update);
      const ranges = new Map<number, [number, number]>();
      for (let i = 0; i < info.value.structs.length; i += 3) {
        const [client, start, end] = info.value.structs.slice(i, i + 3) as [number, number, number];
        const r = ranges.get(client);
        ranges.set(client, r ? [Math.min(r[0], start), Math.max(r[1], end)] : [start, end]);
      }
      for (const [client, [start, end]] of ranges) {
        expect(meta.from.get(client)).toBe(start);
        expect(meta.to.get(client)).toBe(end);
      }
      expect(ranges.size).toBe(meta.to.size);
    }
  });

  it('reports the delete set and can cut it out', () => {
    const doc = new Y.Doc();
    doc.getArray('a').insert(0, [1, 2, 3, 4]);
    const before = Y.encodeStateVector(doc);
    doc.getArray('a').delete(1, 2);
    const update = Y.encodeStateAsUpdate(doc, before);
    const info = inspectUpdate(update);
    if (!info.ok) throw new Error(info.error);
    expect(info.value.structs).toEqual([]);
    expect(info.value.deletes).toEqual([doc.clientID, 1, 3]);
    const full = inspectUpdate(Y.encodeStateAsUpdate(doc));
    if (!full.ok) throw new Error(full.error);
    const dsOnly = deleteSetOnly(Y.encodeStateAsUpdate(doc), full.value);
    const again = inspectUpdate(dsOnly);
    expect(again.ok && again.value.structs.length === 0 && again.value.deletes).toEqual([
      doc.clientID,
      1,
      3,
    ]);
  });

  it('excludes the gaps of a merged update (Skip structs)', () => {
    const doc = new Y.Doc();
    const parts: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => parts.push(u));
    const list = doc.getArray<number>('a');
    for (let i = 0; i < 3; i++) list.push([i]);
    const gappy = Y.mergeUpdates([parts[0] as Uint8Array, parts[2] as Uint8Array]);
    const info = inspectUpdate(gappy);
    if (!info.ok) throw new Error(info.error);
    expect(info.value.structs).toEqual([doc.clientID, 0, 1, doc.clientID, 2, 3]);
  });

  it('counts string lengths in UTF-16 code units, as Yjs does', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀é');
    const info = inspectUpdate(Y.encodeStateAsUpdate(doc));
    expect(info.ok && info.value.structs).toEqual([doc.clientID, 0, 4]);
  });

  it('treats [0, 0] as the empty update', () => {
    const info = inspectUpdate(Uint8Array.of(0, 0));
    expect(info.ok && isEmpty(info.value)).toBe(true);
  });

  const valid = richUpdates()[0] as Uint8Array;
  it.each([
    ['nothing', new Uint8Array()],
    ['a truncated varint', Uint8Array.of(0x80)],
    [
      'a varint beyond 53 bits',
      Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
    ],
    ['a truncated update', valid.subarray(0, valid.length - 3)],
    ['trailing bytes', Uint8Array.from([...valid, 0])],
    ['an unknown content type', Uint8Array.of(1, 1, 5, 0, 11, 1, 1, 97, 0, 0)],
    ['an invalid UTF-8 string', Uint8Array.of(1, 1, 5, 0, 4, 1, 1, 97, 2, 0xc3, 0x28, 0)],
    ['an unknown value type', Uint8Array.of(1, 1, 5, 0, 8, 1, 1, 97, 1, 100, 0)],
    ['a client listed twice', Uint8Array.of(2, 1, 5, 0, 0, 1, 1, 5, 1, 0, 1, 0)],
    ['a struct without length', Uint8Array.of(1, 1, 5, 0, 0, 0, 0)],
    ['a deletion without length', Uint8Array.of(0, 1, 5, 1, 0, 0)],
    ['an unknown nested type', Uint8Array.of(1, 1, 5, 0, 7, 1, 1, 97, 9, 0)],
  ])('rejects %s', (_what, bytes) => {
    expect(inspectUpdate(bytes).ok).toBe(false);
  });

  it('never accepts what Yjs cannot decode (random mutations of real updates)', () => {
    const seed = 20_261_122;
    const random = prng(seed);
    const sources = richUpdates();
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const source = sources[Math.floor(random() * sources.length)] as Uint8Array;
      const bytes = Uint8Array.from(source);
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips; f++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      if (!inspectUpdate(cut).ok) continue;
      accepted++;
      expect(() => Y.decodeUpdate(cut), `seed ${seed}, case ${i}`).not.toThrow();
      expect(() => Y.applyUpdate(new Y.Doc(), cut), `seed ${seed}, case ${i}`).not.toThrow();
    }
    // Some mutations only change values; those must still pass.
    expect(accepted).toBeGreaterThan(0);
  }, 60_000);
});
