import { describe, expect, it } from 'vitest';
import * as ids from './ids.ts';
import { prng } from './testing.ts';

describe('ids', () => {
  it('are ULIDs that carry the time they were made at', () => {
    const source = ids.createIds({ now: () => Date.UTC(2026, 10, 22), random: prng(3) });
    const id = source.next();
    expect(ids.isId(id)).toBe(true);
    expect(ids.timeOf(id)).toBe(Date.UTC(2026, 10, 22));
  });

  it('take a seed time for records that happened earlier', () => {
    const source = ids.createIds({ now: () => Date.UTC(2026, 10, 22), random: prng(3) });
    expect(ids.timeOf(source.next(Date.UTC(2019, 4, 1)))).toBe(Date.UTC(2019, 4, 1));
  });

  it('are deterministic for a given clock and random source, and distinct', () => {
    const a = ids.createIds({ now: () => 1000, random: prng(9) });
    const b = ids.createIds({ now: () => 1000, random: prng(9) });
    const fromA = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(fromA);
    expect(new Set(fromA).size).toBe(1000);
  });

  it('sort by time', () => {
    const source = ids.createIds({ now: () => 0, random: prng(1) });
    const early = source.next(1_000);
    const late = source.next(2_000);
    expect(early < late).toBe(true);
  });

  it.each(['', '01JD', 'ILOU0000000000000000000000', '01jd0000000000000000000000x'])(
    'refuses %s',
    (s) => expect(ids.isId(s)).toBe(false),
  );
});
