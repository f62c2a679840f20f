import { describe, expect, it } from 'vitest';
import * as matching from './matching.ts';
import { activityRecord } from './testing.ts';

const T = Date.UTC(2026, 10, 2, 7, 0, 0);
const MIN = 60_000;

type Spec = { sport?: string; start: number; minutes: number; km?: number };

function pair(a: Spec, b: Spec) {
  const make = (s: Spec) =>
    activityRecord({
      sport: s.sport ?? 'running',
      start: s.start,
      elapsedSeconds: s.minutes * 60,
      distanceMeters: s.km === undefined ? undefined : s.km * 1000,
    });
  return [make(a), make(b)] as const;
}

describe('compare', () => {
  it.each<[string, Spec, Spec, boolean]>([
    [
      'the same run from watch and phone',
      { start: T, minutes: 60, km: 10 },
      { start: T + 20_000, minutes: 59, km: 10.2 },
      true,
    ],
    [
      'a manual entry typed three minutes off',
      { start: T, minutes: 60, km: 10 },
      { start: T + 3 * MIN, minutes: 60, km: 10 },
      true,
    ],
    [
      'a ride whose sport was retyped (distance agrees, sport ignored)',
      { sport: 'cycling', start: T, minutes: 90, km: 40 },
      { sport: 'e_biking', start: T + MIN, minutes: 88, km: 39.5 },
      true,
    ],
    [
      'back-to-back: warm-up then the race',
      { start: T, minutes: 15, km: 3 },
      { start: T + 15 * MIN, minutes: 40, km: 10 },
      false,
    ],
    [
      'back-to-back with equal distances',
      { start: T, minutes: 30, km: 5 },
      { start: T + 30 * MIN, minutes: 30, km: 5 },
      false,
    ],
    [
      'back-to-back with clocks 30 s apart',
      { start: T, minutes: 30, km: 5 },
      { start: T + 29.5 * MIN, minutes: 30, km: 5 },
      false,
    ],
    [
      'overlapping but distances far apart',
      { start: T, minutes: 60, km: 10 },
      { start: T, minutes: 60, km: 7 },
      false,
    ],
    [
      'the same day, hours apart (tracekit would match by date)',
      { start: T, minutes: 60, km: 10 },
      { start: T + 10 * 60 * MIN, minutes: 60, km: 10 },
      false,
    ],
    [
      'a swim without distance in both',
      { sport: 'swimming', start: T, minutes: 45 },
      { sport: 'swimming', start: T + 2 * MIN, minutes: 40 },
      true,
    ],
    [
      'strength without distance, same family',
      { sport: 'training', start: T, minutes: 50 },
      { sport: 'training', start: T + 5 * MIN, minutes: 45 },
      true,
    ],
    [
      'a swim vs a run at the same time, one lacking distance',
      { sport: 'swimming', start: T, minutes: 45 },
      { sport: 'running', start: T, minutes: 45, km: 9 },
      false,
    ],
    [
      'a row with distance vs the same row without',
      { sport: 'rowing', start: T, minutes: 30, km: 6 },
      { sport: 'rowing', start: T + 10_000, minutes: 30 },
      true,
    ],
    [
      'strength sets back-to-back',
      { sport: 'training', start: T, minutes: 20 },
      { sport: 'training', start: T + 20 * MIN, minutes: 20 },
      false,
    ],
    [
      'a zero-length record starting with the run',
      { start: T, minutes: 0, km: 10 },
      { start: T + MIN, minutes: 60, km: 10 },
      true,
    ],
    [
      'a zero-length record starting long after',
      { start: T, minutes: 0, km: 10 },
      { start: T + 5 * MIN, minutes: 60, km: 10 },
      false,
    ],
    [
      'an unnamed sport goes with anything when it lacks distance',
      { sport: 'other', start: T, minutes: 30 },
      { sport: 'yoga', start: T, minutes: 30 },
      true,
    ],
  ])('%s → %s', (_name, a, b, expected) => {
    const [x, y] = pair(a, b);
    const result = matching.compare(x, y);
    expect(result !== undefined).toBe(expected);
    // Symmetric, and the earlier activity always comes first.
    expect(matching.compare(y, x)).toEqual(result);
    if (result && a.start !== b.start) expect(result.a).toBe(a.start < b.start ? x.id : y.id);
  });

  it('reports why: overlap, start difference, distance difference', () => {
    const [x, y] = pair(
      { start: T, minutes: 60, km: 10 },
      { start: T + 6 * MIN, minutes: 60, km: 9.5 },
    );
    expect(matching.compare(x, y)).toEqual({
      a: x.id,
      b: y.id,
      overlap: 0.9,
      startDeltaSeconds: 360,
      distanceDifference: 0.05,
      score: 0.855,
    });
  });

  it('takes tolerances as options', () => {
    const [x, y] = pair({ start: T, minutes: 60, km: 10 }, { start: T, minutes: 60, km: 8.5 });
    expect(matching.compare(x, y)).toBeUndefined();
    expect(matching.compare(x, y, { distanceTolerance: 0.2 })).toBeDefined();
  });
});

describe('suggestMatches', () => {
  const watch = activityRecord({ start: T, elapsedSeconds: 3600, distanceMeters: 10_000 });
  const strava = activityRecord({ start: T + 2000, elapsedSeconds: 3590, distanceMeters: 10_050 });
  const manual = activityRecord({
    start: T + 5 * MIN,
    elapsedSeconds: 3600,
    distanceMeters: 10_000,
  });
  const cooldown = activityRecord({
    start: T + 61 * MIN,
    elapsedSeconds: 600,
    distanceMeters: 1500,
  });
  const evening = activityRecord({
    start: T + 10 * 60 * MIN,
    elapsedSeconds: 3600,
    distanceMeters: 10_000,
  });

  it('finds every pair of copies, best first, and nothing else', () => {
    const suggestions = matching.suggestMatches([evening, manual, cooldown, strava, watch]);
    expect(suggestions.map((s) => [s.a, s.b])).toEqual([
      [watch.id, strava.id],
      [watch.id, manual.id],
      [strava.id, manual.id],
    ]);
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[1]!.score);
  });

  it('never suggests a dismissed pair again, in either order', () => {
    const dismissed = [
      matching.dismissal(strava.id, watch.id, T),
      { activityIds: [manual.id, strava.id] },
    ];
    const suggestions = matching.suggestMatches([watch, strava, manual], dismissed);
    expect(suggestions.map((s) => [s.a, s.b])).toEqual([[watch.id, manual.id]]);
    expect(matching.isDismissed(dismissed, watch.id, strava.id)).toBe(true);
    expect(matching.isDismissed(dismissed, watch.id, manual.id)).toBe(false);
  });

  it('the dismissal record stores the pair in a stable order', () => {
    expect(matching.dismissal(strava.id, watch.id, T)).toEqual(
      matching.dismissal(watch.id, strava.id, T),
    );
  });

  it('stays fast on a year of daily workouts', () => {
    const year = Array.from({ length: 2000 }, (_, i) =>
      activityRecord({
        start: T + i * 4.4 * 60 * MIN,
        elapsedSeconds: 3600,
        distanceMeters: 10_000,
      }),
    );
    const started = performance.now();
    expect(matching.suggestMatches(year)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('mergeActivities', () => {
  const fit = activityRecord({
    name: '',
    sport: 'cycling',
    subSport: 'road',
    start: T,
    elapsedSeconds: 3600,
    movingSeconds: 3400,
    distanceMeters: 30_100,
    avgHeartRate: 140,
    device: 'Garmin Edge 530',
    timeZone: 'Etc/GMT-1',
    notes: 'Legs heavy',
    sources: [{ kind: 'fit', fileName: 'ride.fit', contentHash: 'a'.repeat(64) }],
  });
  const strava = activityRecord({
    name: 'Saturday club ride',
    sport: 'cycling',
    start: T + 2000,
    elapsedSeconds: 3590,
    distanceMeters: 30_000,
    calories: 900,
    gearId: '01JD0000000000000000000009',
    notes: 'Great group',
    sources: [{ kind: 'strava', providerId: '123' }],
  });

  it('takes measurements from the device file, the name the person typed, both sources', () => {
    const plan = matching.mergeActivities(strava, fit);
    expect(plan.id).toBe(strava.id);
    expect(plan.removeId).toBe(fit.id);
    expect(plan.patch).toEqual({
      subSport: 'road',
      start: T,
      timeZone: 'Etc/GMT-1',
      elapsedSeconds: 3600,
      movingSeconds: 3400,
      distanceMeters: 30_100,
      avgHeartRate: 140,
      device: 'Garmin Edge 530',
      notes: 'Great group\n\nLegs heavy',
      sources: [...strava.sources, ...fit.sources],
    });
    // Strava's calories and gear stay: the FIT had no calories; gear follows the kept record.
    expect(plan.patch).not.toHaveProperty('calories');
    expect(plan.patch).not.toHaveProperty('gearId');
  });

  it('the chosen side wins field by field', () => {
    const plan = matching.mergeActivities(fit, strava, { distanceMeters: 'other', name: 'keep' });
    expect(plan.patch.distanceMeters).toBe(30_000);
    expect(plan.patch).not.toHaveProperty('name');
    expect(plan.patch.calories).toBe(900);
    expect(plan.patch.gearId).toBe(strava.gearId);
  });

  it('keeping the device record takes the typed name from Strava', () => {
    const plan = matching.mergeActivities(fit, strava);
    expect(plan.patch.name).toBe('Saturday club ride');
    expect(plan.patch).not.toHaveProperty('distanceMeters');
  });

  it('a field chosen from a side that lacks it is cleared', () => {
    const plan = matching.mergeActivities(fit, strava, { avgHeartRate: 'other' });
    expect(plan.patch).toHaveProperty('avgHeartRate', undefined);
  });
});
