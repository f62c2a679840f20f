import { describe, expect, it } from 'vitest';
import { ClientRanges, coveredBy } from './ranges.ts';

describe('ClientRanges', () => {
  it.each([
    [
      'appending',
      [
        [0, 5],
        [5, 9],
      ],
      [[0, 9]],
    ],
    [
      'a gap',
      [
        [0, 5],
        [7, 9],
      ],
      [
        [0, 5],
        [7, 9],
      ],
    ],
    [
      'filling a gap',
      [
        [0, 5],
        [7, 9],
        [5, 7],
      ],
      [[0, 9]],
    ],
    [
      'out of order',
      [
        [10, 12],
        [3, 4],
        [0, 3],
      ],
      [
        [0, 4],
        [10, 12],
      ],
    ],
    [
      'overlapping',
      [
        [0, 5],
        [2, 8],
        [1, 3],
      ],
      [[0, 8]],
    ],
    [
      'spanning several',
      [
        [0, 1],
        [2, 3],
        [4, 5],
        [0, 6],
      ],
      [[0, 6]],
    ],
    ['empty ranges', [[3, 3]], []],
  ])('merges %s', (_what, adds, expected) => {
    const r = new ClientRanges();
    for (const [s, e] of adds as [number, number][]) r.add(7, s, e);
    for (const [s, e] of expected as [number, number][]) expect(r.contains(7, s, e)).toBe(true);
    const covered = (expected as [number, number][]).reduce((n, [s, e]) => n + e - s, 0);
    let count = 0;
    for (let c = 0; c < 20; c++) if (r.contains(7, c, c + 1)) count++;
    expect(count).toBe(covered);
  });

  it('gives the state vector Yjs would: only what starts at clock 0', () => {
    const r = new ClientRanges();
    r.addAll([1, 0, 4, 2, 3, 6, 1, 6, 8]);
    expect([...r.stateVector()]).toEqual([[1, 4]]);
    r.add(2, 0, 3);
    expect(new Map(r.stateVector())).toEqual(
      new Map([
        [1, 4],
        [2, 6],
      ]),
    );
    expect(r.prefix(1)).toBe(4);
    expect(r.containsAll([1, 0, 2, 2, 1, 5])).toBe(true);
    expect(r.containsAll([1, 0, 2, 1, 4, 7])).toBe(false);
  });

  it('tells whether a client state vector covers struct ranges', () => {
    const clocks = new Map([
      [1, 10],
      [2, 3],
    ]);
    expect(coveredBy(clocks, [1, 0, 10, 2, 1, 3])).toBe(true);
    expect(coveredBy(clocks, [1, 0, 11])).toBe(false);
    expect(coveredBy(clocks, [3, 0, 1])).toBe(false);
    expect(coveredBy(new Map(), [])).toBe(true);
  });
});
