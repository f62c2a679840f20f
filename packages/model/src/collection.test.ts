import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from './collection.ts';
import { build, testIds } from './testing.ts';

const LOCAL = { kind: 'test' };

function billsIn(doc = new Y.Doc()): Collection<'bills'> {
  return new Collection(doc, 'bills', 'bills', LOCAL);
}

/** Two-way sync of two docs, the way the wire protocol does it. */
function syncDocs(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('Collection', () => {
  it('creates, reads, updates and removes records as plain objects', () => {
    const ids = testIds(1);
    const bills = billsIn();
    const id = ids.next();
    const created = bills.create(id, build('bills', 1, { name: '  Rent  ' }));
    expect(created.ok).toBe(true);
    expect(bills.get(id)).toMatchObject({
      id,
      name: 'Rent',
      amount: 1001,
      active: true,
      autopay: 'off',
    });

    const updated = bills.update(id, { amount: 125000, notes: 'landlord' });
    expect(updated).toMatchObject({ ok: true, value: { amount: 125000, notes: 'landlord' } });
    expect(bills.update(id, { notes: undefined })).toMatchObject({ ok: true });
    expect(bills.get(id)?.notes).toBeUndefined();

    expect(bills.remove(id)).toEqual({ ok: true, value: undefined });
    expect(bills.get(id)).toBeUndefined();
    expect(bills.all()).toEqual([]);
  });

  it('refuses invalid writes and leaves the document untouched', () => {
    const ids = testIds(2);
    const doc = new Y.Doc();
    const bills = billsIn(doc);
    const id = ids.next();
    bills.create(id, build('bills', 1));
    const before = Y.encodeStateAsUpdate(doc);

    const bad = bills.update(id, { amount: 12.5 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    if (!bad.ok && bad.error.kind === 'invalid') expect(bad.error.message).toContain('amount');
    expect(bills.create(ids.next(), { ...build('bills', 2), cycle: 'never' as 'monthly' }).ok).toBe(
      false,
    );
    expect(bills.update(ids.next(), { amount: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(bills.remove(ids.next())).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(bills.create(id, build('bills', 3))).toMatchObject({
      ok: false,
      error: { kind: 'exists', id },
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('writes a batch all or nothing', () => {
    const ids = testIds(3);
    const bills = billsIn();
    const result = bills.createMany([
      { id: ids.next(), input: build('bills', 1) },
      { id: ids.next(), input: { ...build('bills', 2), amount: -5 } },
    ]);
    expect(result.ok).toBe(false);
    expect(bills.all()).toEqual([]);
  });

  it('tags every transaction with its origin', () => {
    const ids = testIds(4);
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const bills = billsIn(doc);
    const id = ids.next();
    bills.create(id, build('bills', 1));
    bills.update(id, { amount: 5 });
    bills.remove(id);
    expect(origins).toEqual([LOCAL, LOCAL, LOCAL]);
  });

  it('writes nothing for a no-op update', () => {
    const ids = testIds(5);
    const doc = new Y.Doc();
    const bills = billsIn(doc);
    const id = ids.next();
    bills.create(id, build('bills', 1));
    let updates = 0;
    doc.on('update', () => updates++);
    bills.update(id, { amount: 1001, name: 'Bill 1' });
    expect(updates).toBe(0);
  });

  it('keeps both edits when two devices change different fields of one record', () => {
    const ids = testIds(6);
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = ids.next();
    billsIn(a).create(id, build('bills', 1));
    syncDocs(a, b);

    billsIn(a).update(id, { amount: 4242 });
    billsIn(b).update(id, { notes: 'paid by card', autopay: 'confirmed' });
    syncDocs(a, b);

    for (const doc of [a, b]) {
      expect(billsIn(doc).get(id)).toMatchObject({
        amount: 4242,
        notes: 'paid by card',
        autopay: 'confirmed',
      });
    }
  });

  it('sets a corrupted record aside with the reason, and reads the rest', () => {
    const ids = testIds(7);
    const doc = new Y.Doc();
    const bills = billsIn(doc);
    const good = ids.next();
    const bad = ids.next();
    const notAMap = ids.next();
    bills.create(good, build('bills', 1));
    bills.create(bad, build('bills', 2));
    // Another device (or a buggy version) wrote nonsense.
    (bills.map.get(bad) as Y.Map<unknown>).set('amount', 'lots');
    (bills.map as Y.Map<unknown>).set(notAMap, 42);

    const { records, rejects } = bills.scan();
    expect(records.map((r) => r.id)).toEqual([good]);
    expect(rejects).toHaveLength(2);
    expect(rejects.find((r) => r.id === bad)).toMatchObject({ collection: 'bills', doc: 'bills' });
    expect(rejects.find((r) => r.id === bad)?.reason).toContain('amount');
    expect(bills.get(bad)).toBeUndefined();
  });

  it('keeps fields a newer version wrote, and reads past them', () => {
    const ids = testIds(8);
    const doc = new Y.Doc();
    const bills = billsIn(doc);
    const id = ids.next();
    bills.create(id, build('bills', 1));
    (bills.map.get(id) as Y.Map<unknown>).set('futureField', { x: 1 });
    bills.update(id, { amount: 7 });
    expect(bills.get(id)).not.toHaveProperty('futureField');
    expect((bills.map.get(id) as Y.Map<unknown>).get('futureField')).toEqual({ x: 1 });
  });

  it('returns copies: changing a read record does not change the document', () => {
    const ids = testIds(9);
    const doc = new Y.Doc();
    const entries = new Collection(doc, 'time-entries.2026', 'timeEntries', LOCAL);
    const id = ids.next(Date.UTC(2026, 1, 1));
    entries.create(id, build('timeEntries', 1, { tags: ['a'] }));
    const read = entries.get(id);
    read?.tags.push('mutated');
    expect(entries.get(id)?.tags).toEqual(['a']);
  });

  it('refuses to put a record in a document it does not belong to', () => {
    const ids = testIds(10);
    const entries = new Collection(new Y.Doc(), 'time-entries.2026', 'timeEntries', LOCAL);
    expect(() => entries.create(ids.next(Date.UTC(2025, 5, 1)), build('timeEntries', 1))).toThrow(
      /time-entries\.2025/,
    );
  });

  it('costs little per field edit', () => {
    const ids = testIds(11);
    const doc = new Y.Doc();
    const entries = new Collection(doc, 'time-entries.2026', 'timeEntries', LOCAL);
    const list = Array.from({ length: 100 }, (_, n) => ({
      id: ids.next(Date.UTC(2026, 0, 1) + n),
      input: build('timeEntries', n),
    }));
    entries.createMany(list);
    let size = 0;
    doc.on('update', (u: Uint8Array) => (size = u.byteLength));
    entries.update(list[50]?.id ?? '', { description: 'Client call' });
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(200);
  });
});
