import { describe, expect, it } from 'vitest';
import { Activity } from './activity.ts';

const MIN = 60_000;

describe('Activity', () => {
  it('reports the start of an absence longer than the threshold', () => {
    const a = new Activity(0, 15_000);
    expect(a.touch(10 * MIN, 30 * MIN)).toEqual({ save: true });
    expect(a.touch(10 * MIN + 1000, 30 * MIN)).toEqual({ save: false });
    expect(a.touch(50 * MIN, 30 * MIN)).toEqual({ awaySince: 10 * MIN + 1000, save: true });
    expect(a.last).toBe(50 * MIN);
  });

  it('is not away at exactly the threshold', () => {
    const a = new Activity(0);
    expect(a.touch(30 * MIN, 30 * MIN).awaySince).toBeUndefined();
  });

  it('saves at most every interval, and on flush whatever is newer than the last save', () => {
    const a = new Activity(0, 15_000);
    expect(a.touch(1000, 30 * MIN).save).toBe(true);
    expect(a.touch(5000, 30 * MIN).save).toBe(false);
    expect(a.touch(16_000, 30 * MIN).save).toBe(true);
    expect(a.touch(17_000, 30 * MIN).save).toBe(false);
    expect(a.flush(17_500)).toBe(true);
    expect(a.flush(18_000)).toBe(false);
  });

  it('takes a later time from another tab, so using that tab is not being away', () => {
    const a = new Activity(0);
    a.merge(45 * MIN);
    a.merge(undefined);
    a.merge(5 * MIN);
    expect(a.last).toBe(45 * MIN);
    expect(a.touch(50 * MIN, 30 * MIN).awaySince).toBeUndefined();
  });

  it('never moves back in time', () => {
    const a = new Activity(10 * MIN);
    a.touch(5 * MIN, 30 * MIN);
    expect(a.last).toBe(10 * MIN);
  });
});
