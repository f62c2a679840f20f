import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrate, schemaVersionOf, type Migration } from './migrations.ts';

// A pretend v2 that renames a bill field, written the CRDT-safe way: derive, set if missing.
const renameNotes: Migration = {
  version: 2,
  description: 'bills.memo → bills.notes',
  applies: (name) => name === 'bills',
  run(doc) {
    for (const record of doc.getMap<Y.Map<unknown>>('bills').values()) {
      const memo = record.get('memo');
      if (memo !== undefined) {
        if (!record.has('notes')) record.set('notes', memo);
        record.delete('memo');
      }
    }
  },
};

function oldDoc(): Y.Doc {
  const doc = new Y.Doc();
  const record = new Y.Map<unknown>();
  doc.getMap('bills').set('b1', record);
  record.set('memo', 'old note');
  doc.getMap('_meta').set('schemaVersion', 1);
  return doc;
}

describe('migrate', () => {
  it('stamps a fresh document with the current version', () => {
    const doc = new Y.Doc();
    expect(migrate(doc, 'bills', 'm')).toEqual({ ok: true, value: { from: 0, to: 1 } });
    expect(schemaVersionOf(doc)).toBe(1);
  });

  it('runs what applies, once, and is idempotent', () => {
    const doc = oldDoc();
    expect(migrate(doc, 'bills', 'm', [renameNotes], 2).ok).toBe(true);
    const after = Y.encodeStateAsUpdate(doc);
    expect(doc.getMap<Y.Map<unknown>>('bills').get('b1')?.toJSON()).toEqual({ notes: 'old note' });
    migrate(doc, 'bills', 'm', [renameNotes], 2);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(after);
  });

  it('converges when two devices migrate the same document concurrently', () => {
    const a = oldDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a, 'bills', 'a', [renameNotes], 2);
    migrate(b, 'bills', 'b', [renameNotes], 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap('bills').toJSON()).toEqual(b.getMap('bills').toJSON());
    expect(a.getMap('bills').toJSON()).toEqual({ b1: { notes: 'old note' } });
    expect(schemaVersionOf(a)).toBe(2);
  });

  it('leaves a document from a newer version alone and says so', () => {
    const doc = new Y.Doc();
    doc.getMap('_meta').set('schemaVersion', 9);
    expect(migrate(doc, 'bills', 'm')).toEqual({
      ok: false,
      error: { kind: 'newer', version: 9, supported: 1 },
    });
  });

  it('skips migrations for other documents', () => {
    const doc = oldDoc();
    migrate(doc, 'time', 'm', [renameNotes], 2);
    expect(doc.getMap<Y.Map<unknown>>('bills').get('b1')?.get('memo')).toBe('old note');
  });
});
