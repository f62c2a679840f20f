import { describe, expect, it } from 'vitest';
import { EXACT, fromSettings, roundSeconds, type Method } from './rounding.ts';

const min = (m: number, s = 0): number => m * 60 + s;

describe('roundSeconds', () => {
  it.each<[number, number, Method, number]>([
    // interval 1 = exact, as TimeTracker: no rounding at all
    [min(7, 31), 1, 'nearest', min(7, 31)],
    [min(7, 31), 1, 'up', min(7, 31)],
    // 5 minutes
    [min(7, 29), 5, 'nearest', min(5)],
    [min(7, 30), 5, 'nearest', min(10)], // an exact half goes up
    [min(7, 31), 5, 'nearest', min(10)],
    [min(5, 1), 5, 'up', min(10)],
    [min(9, 59), 5, 'down', min(5)],
    // 10 minutes
    [min(14, 59), 10, 'nearest', min(10)],
    [min(15), 10, 'nearest', min(20)],
    [min(1), 10, 'up', min(10)],
    // 15 minutes (TimeTracker's own examples: 62 min → 60 / 75 / 60)
    [min(62), 15, 'nearest', min(60)],
    [min(62), 15, 'up', min(75)],
    [min(62), 15, 'down', min(60)],
    [min(67, 29), 15, 'nearest', min(60)],
    [min(67, 30), 15, 'nearest', min(75)],
    // 30 and 60 minutes
    [min(44, 59), 30, 'nearest', min(30)],
    [min(45), 30, 'nearest', min(60)],
    [min(61), 60, 'up', min(120)],
    [min(119), 60, 'down', min(60)],
    [min(90), 60, 'nearest', min(120)],
    // exact multiples and zero never move
    [min(60), 15, 'up', min(60)],
    [min(60), 15, 'down', min(60)],
    [0, 15, 'up', 0],
    [0, 60, 'nearest', 0],
    // a short entry can round to nothing
    [min(2), 5, 'nearest', 0],
    [min(2), 5, 'down', 0],
  ])('%i s, %i min, %s → %i s', (seconds, minutes, method, expected) => {
    expect(roundSeconds(seconds, { minutes, method })).toBe(expected);
  });

  it('reads the settings', () => {
    expect(fromSettings({ roundingMinutes: 15, roundingMethod: 'up' })).toEqual({
      minutes: 15,
      method: 'up',
    });
    expect(roundSeconds(1234, EXACT)).toBe(1234);
  });
});
