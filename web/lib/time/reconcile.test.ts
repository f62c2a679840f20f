import { describe, expect, it } from 'vitest';
import * as tt from '@tally/model/time/testing';
import { Reconciler, stoppedElsewhere } from './reconcile.ts';
import type { TimeEntry } from './types.ts';

const { H } = tt;
const T0 = Date.UTC(2026, 10, 2, 9);

function patched(entries: readonly TimeEntry[], updates: { id: string; patch: object }[]) {
  return entries.map((e) => {
    const u = updates.find((x) => x.id === e.id);
    return u ? { ...e, ...u.patch } : e;
  });
}

describe('Reconciler', () => {
  const phone = tt.entry({ start: T0, end: undefined, source: 'timer', description: 'Phone' });
  const laptop = tt.entry({
    start: T0 + H,
    end: undefined,
    source: 'timer',
    description: 'Laptop',
  });

  it('hands out a resolution once, and again only when the entries call for another', () => {
    const r = new Reconciler();
    const first = r.next([phone, laptop]);
    expect(first?.updates).toEqual([
      { id: phone.id, patch: { end: T0 + H, supersededBy: laptop.id } },
    ]);
    expect(first?.notice?.message).toContain('“Phone” was also running on another device');
    // The projection has not caught up yet: the same entries must not be resolved twice.
    expect(r.next([phone, laptop])).toBeUndefined();
    // Once applied, there is nothing left to do.
    const resolved = patched([phone, laptop], first?.updates ?? []);
    expect(r.next(resolved)).toBeUndefined();
    // A third timer from elsewhere is new work.
    const tablet = tt.entry({ start: T0 + 2 * H, end: undefined, source: 'timer' });
    expect(r.next([...resolved, tablet])?.updates.map((u) => u.id)).toEqual([laptop.id]);
  });

  it('remembers which entries it has explained', () => {
    const r = new Reconciler();
    r.next([phone, laptop]);
    expect(r.announced.has(phone.id)).toBe(true);
    expect(r.announced.has(laptop.id)).toBe(false);
  });

  it('reaches the same entries whichever order they arrive in', () => {
    const a = tt.entry({ start: T0, end: undefined, source: 'timer' });
    const b = tt.entry({ start: T0 + H, end: undefined, source: 'timer' });
    const c = tt.entry({ start: T0 + 2 * H, end: undefined, source: 'timer' });
    const settle = (list: TimeEntry[]): TimeEntry[] => {
      const r = new Reconciler();
      let state = list;
      for (let i = 0; i < 5; i++) state = patched(state, r.next(state)?.updates ?? []);
      return [...state].sort((x, y) => x.start - y.start);
    };
    // One device saw a and b first, resolved, then got c; another saw everything at once.
    const early = settle([a, b]);
    const oneThenMore = settle([...early, c]);
    const allAtOnce = settle([c, a, b]);
    expect(oneThenMore).toEqual(allAtOnce);
    expect(allAtOnce.map((e) => e.end)).toEqual([T0 + H, T0 + 2 * H, undefined]);
  });
});

describe('stoppedElsewhere', () => {
  const mine = tt.entry({ start: T0, end: undefined, source: 'timer' });
  const theirs = tt.entry({ start: T0 + H, end: undefined, source: 'timer' });
  const stopped = { ...mine, end: T0 + H, supersededBy: theirs.id };

  it('finds the shown timer ended by a timer started elsewhere', () => {
    expect(stoppedElsewhere(mine.id, [stopped, theirs], new Set())).toEqual({
      stopped,
      by: theirs,
    });
  });

  it('is quiet when this tab started the other timer, or the timer was simply stopped', () => {
    expect(stoppedElsewhere(mine.id, [stopped, theirs], new Set([theirs.id]))).toBeUndefined();
    expect(
      stoppedElsewhere(mine.id, [{ ...mine, end: T0 + H }, theirs], new Set()),
    ).toBeUndefined();
    expect(stoppedElsewhere(mine.id, [mine, theirs], new Set())).toBeUndefined();
    expect(stoppedElsewhere(undefined, [stopped, theirs], new Set())).toBeUndefined();
  });
});
