import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from '../collection.ts';
import { prng, testIds } from '../testing.ts';
import type { Invoice } from './catalog.ts';
import { findDuplicates, formatNumber, nextNumber, parseNumber } from './numbering.ts';
import { client, invoice } from './testing.ts';

const clientId = client().id;

describe('numbers', () => {
  it.each([
    [2026, 7, '2026-0007'],
    [2026, 1, '2026-0001'],
    [2026, 12345, '2026-12345'],
  ])('formatNumber(%i, %i) = %s', (year, seq, expected) => {
    expect(formatNumber(year, seq)).toBe(expected);
    expect(parseNumber(expected)).toEqual({ year, sequence: seq });
  });

  it.each(['INV-7', '2026-07', '26-0007', ''])('parseNumber(%s) is not ours', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it('continues the year’s sequence, counting cancelled invoices and ignoring other years', () => {
    const invoices = [
      { number: '2026-0003' },
      { number: '2026-0009' },
      { number: '2025-0042' },
      { number: 'INV-100' },
    ];
    expect(nextNumber(invoices, 2026)).toBe('2026-0010');
    expect(nextNumber(invoices, 2027)).toBe('2027-0001');
  });
});

describe('findDuplicates', () => {
  const ids = testIds(9);
  const make = (number: string, status: Invoice['status'] = 'draft') =>
    invoice({ clientId, number, status, id: ids.next() });

  it('renumbers the later draft by id to the next free number', () => {
    const first = make('2026-0004');
    const second = make('2026-0004');
    const other = make('2026-0005', 'issued');
    expect(findDuplicates([second, other, first])).toEqual([
      {
        number: '2026-0004',
        keepId: first.id,
        renumber: [{ id: second.id, patch: { number: '2026-0006' } }],
        flaggedIds: [],
      },
    ]);
  });

  it('keeps the number on the issued one, even when the draft is older', () => {
    const draft = make('2026-0002');
    const issued = make('2026-0002', 'issued');
    const [dup] = findDuplicates([draft, issued]);
    expect(dup?.keepId).toBe(issued.id);
    expect(dup?.renumber).toEqual([{ id: draft.id, patch: { number: '2026-0003' } }]);
  });

  it('flags two issued invoices with one number, and changes neither', () => {
    const a = make('2026-0002', 'issued');
    const b = make('2026-0002', 'paid');
    const c = make('2026-0002');
    expect(findDuplicates([a, b, c])).toEqual([
      {
        number: '2026-0002',
        keepId: a.id,
        renumber: [{ id: c.id, patch: { number: '2026-0003' } }],
        flaggedIds: [a.id, b.id],
      },
    ]);
  });

  it('gives several collisions distinct new numbers', () => {
    const list = [
      make('2026-0001'),
      make('2026-0001'),
      make('2026-0001'),
      make('2026-0002'),
      make('2026-0002'),
    ];
    const numbers = findDuplicates(list).flatMap((d) => d.renumber.map((r) => r.patch.number));
    expect(numbers).toEqual(['2026-0003', '2026-0004', '2026-0005']);
  });

  it('flags drafts whose number is not ours instead of guessing', () => {
    const a = make('INV-1');
    const b = make('INV-1');
    expect(findDuplicates([a, b])).toEqual([
      { number: 'INV-1', keepId: a.id, renumber: [], flaggedIds: [b.id] },
    ]);
  });

  it('finds nothing when numbers are unique', () => {
    expect(findDuplicates([make('2026-0001'), make('2026-0002')])).toEqual([]);
  });
});

describe('numbering across devices', () => {
  it('two devices offline hand out the same number; after sync both fix it alike', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = prng(seed);
      const docs = [new Y.Doc(), new Y.Doc()];
      const stores = docs.map((d) => new Collection(d, 'time', 'invoices', 'local'));
      const ids = [testIds(seed * 2), testIds(seed * 2 + 1)];
      const sync = () => {
        const [a, b] = docs as [Y.Doc, Y.Doc];
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
      };
      // Each device creates one to three drafts offline, numbered from what it has.
      stores.forEach((store, i) => {
        const count = 1 + Math.floor(random() * 3);
        for (let n = 0; n < count; n++) {
          const number = nextNumber(store.all(), 2026);
          const result = store.create(ids[i]?.next() ?? '', {
            number,
            clientId,
            periodStart: '2026-10-01',
            periodEnd: '2026-10-31',
            currency: 'EUR',
            status: random() < 0.2 && n === 0 ? 'issued' : 'draft',
          });
          expect(result.ok).toBe(true);
        }
      });
      sync();
      // Both fix concurrently, from the same state, then sync again.
      for (const store of stores)
        for (const dup of findDuplicates(store.all()))
          for (const r of dup.renumber) store.update(r.id, r.patch);
      sync();
      const [a, b] = stores.map((s) =>
        s
          .all()
          .map((i) => [i.id, i.number] as const)
          .sort(),
      );
      expect(a, `seed ${seed}`).toEqual(b);
      const remaining = findDuplicates(stores[0]?.all() ?? []);
      // only issued-vs-issued collisions are left, for the user
      expect(
        remaining.every((d) => d.renumber.length === 0 && d.flaggedIds.length > 1),
        `seed ${seed}`,
      ).toBe(true);
    }
  });
});
