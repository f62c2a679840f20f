import { describe, expect, it } from 'vitest';
import type { Formatting } from '../app/format.ts';
import {
  formatDistance,
  formatElevation,
  formatPace,
  formatPaceOrSpeed,
  formatSpeed,
  formatTemperature,
  fromMeters,
  paceKind,
  toMeters,
} from './units.ts';

const f: Formatting = { locale: 'en-US', timeZone: 'UTC', currency: 'USD' };

describe('distances', () => {
  it.each([
    [5023, 'metric', '5.02 km'],
    [850.4, 'metric', '850 m'],
    [42195, 'metric', '42.2 km'],
    [160934, 'metric', '161 km'],
    [5023, 'imperial', '3.12 mi'],
    [16093.44, 'imperial', '10 mi'],
  ] as const)('%d m in %s is %s', (meters, units, text) => {
    expect(formatDistance(f, meters, units)).toBe(text);
  });

  it('converts typed km and miles both ways', () => {
    expect(toMeters(10, 'metric')).toBe(10_000);
    expect(toMeters(1, 'imperial')).toBeCloseTo(1609.344, 6);
    expect(fromMeters(toMeters(26.2, 'imperial'), 'imperial')).toBeCloseTo(26.2, 9);
  });

  it('writes heights, temperatures and speeds in the units chosen', () => {
    expect(formatElevation(f, 304.8, 'imperial')).toBe('1,000 ft');
    expect(formatElevation(f, 312.4, 'metric')).toBe('312 m');
    expect(formatTemperature(f, 20, 'imperial')).toBe('68°F');
    expect(formatTemperature(f, 20, 'metric')).toBe('20°C');
    expect(formatSpeed(f, 10, 'metric')).toBe('36 km/h');
    expect(formatSpeed(f, 10, 'imperial')).toBe('22.4 mph');
  });
});

describe('pace', () => {
  it.each([
    [1510, 5000, 'metric', '5:02 /km'],
    [1510, 5000, 'imperial', '8:06 /mi'],
    [3725, 1000, 'metric', '1:02:05 /km'],
    [45, 1000, 'metric', '0:45 /km'],
  ] as const)('%d s over %d m in %s is %s', (seconds, meters, units, text) => {
    expect(formatPace(seconds, meters, units)).toBe(text);
  });

  it('is per 100 m (or yd) in water, and empty without a distance', () => {
    expect(formatPace(1800, 1500, 'metric', 'swim')).toBe('2:00 /100 m');
    expect(formatPace(1800, 0, 'metric')).toBe('');
  });

  it('picks pace on foot, swim pace in water, speed on wheels, from moving time', () => {
    expect(paceKind('running')).toBe('pace');
    expect(paceKind('hiking')).toBe('pace');
    expect(paceKind('swimming')).toBe('swim');
    expect(paceKind('cycling')).toBe('speed');
    expect(paceKind('rowing')).toBe('speed');
    const ride = {
      sport: 'cycling',
      distanceMeters: 36_000,
      elapsedSeconds: 4000,
      movingSeconds: 3600,
    };
    expect(formatPaceOrSpeed(f, ride, 'metric')).toBe('36 km/h');
    const run = { sport: 'running', distanceMeters: 5000, elapsedSeconds: 1510 };
    expect(formatPaceOrSpeed(f, run, 'metric')).toBe('5:02 /km');
    expect(formatPaceOrSpeed(f, { sport: 'training', elapsedSeconds: 600 }, 'metric')).toBe('');
  });
});
