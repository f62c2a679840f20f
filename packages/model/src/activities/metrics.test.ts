import { describe, expect, it } from 'vitest';
import * as geo from './geo.ts';
import * as metrics from './metrics.ts';
import { meridianTrack, metersToLatitude } from './testing.ts';
import type { TrackPoint } from './track.ts';

const START = Date.UTC(2024, 4, 1, 6, 0, 0);

describe('geo', () => {
  it('measures one degree of latitude as 2πR/360 on the IUGG mean radius', () => {
    expect(geo.haversine([45, 10], [46, 10])).toBeCloseTo((2 * Math.PI * 6_371_008.8) / 360, 6);
  });

  it('measures a degree of longitude shorter away from the equator', () => {
    const equator = geo.haversine([0, 10], [0, 11]);
    expect(geo.haversine([60, 10], [60, 11])).toBeCloseTo(equator / 2, -1);
  });

  it.each([
    [45, 10, true],
    [-89.9, 179.9, true],
    [0, 10, true],
    [0, 0, false],
    [91, 10, false],
    [45, 181, false],
    [Number.NaN, 10, false],
    [undefined, 10, false],
    [Infinity, 10, false],
  ])('isValidPosition(%s, %s) is %s', (lat, lon, valid) => {
    expect(geo.isValidPosition(lat, lon)).toBe(valid);
  });
});

describe('trackDistance', () => {
  it('sums exact kilometres along a meridian', () => {
    const track = meridianTrack({ start: START, count: 11 });
    expect(metrics.trackDistance([track])).toBeCloseTo(10_000, 6);
  });

  it('does not count the gap between segments', () => {
    const first = meridianTrack({ start: START, count: 3 });
    const second = meridianTrack({ start: START + 3_600_000, count: 3, lat: 46 });
    expect(metrics.trackDistance([first, second])).toBeCloseTo(4000, 6);
  });

  it('skips a GPS glitch that would mean flying, and keeps measuring after it', () => {
    const track = meridianTrack({ start: START, count: 3, stepSeconds: 60 });
    const glitch: TrackPoint = { time: START + 90_000, lat: 50, lon: 10 };
    expect(metrics.trackDistance([[track[0]!, track[1]!, glitch, track[2]!]])).toBeCloseTo(2000, 6);
  });

  it('is undefined with fewer than two positions', () => {
    expect(metrics.trackDistance([[{ time: START, lat: 45, lon: 10 }]])).toBeUndefined();
    expect(metrics.trackDistance([])).toBeUndefined();
  });
});

describe('movingSeconds', () => {
  it('leaves out the minutes spent standing still', () => {
    // 1 km every 5 minutes, then 10 minutes on the same spot, then another kilometre.
    const moving = meridianTrack({ start: START, count: 3 });
    const last = moving[2]!;
    const stopped: TrackPoint = { ...last, time: last.time! + 600_000 };
    const resumed: TrackPoint = {
      time: stopped.time! + 300_000,
      lat: last.lat! + metersToLatitude(1000),
      lon: last.lon,
    };
    expect(metrics.movingSeconds([[...moving, stopped, resumed]])).toBe(900);
  });

  it('uses the device distance counter when there are no positions', () => {
    const points: TrackPoint[] = [
      { time: START, distance: 0 },
      { time: START + 60_000, distance: 200 },
      { time: START + 120_000, distance: 200 },
    ];
    expect(metrics.movingSeconds([points])).toBe(60);
  });

  it('is undefined when nothing says whether it moved', () => {
    expect(metrics.movingSeconds([[{ time: START, heartRate: 100 }, { time: START + 1000 }]])).toBe(
      undefined,
    );
  });
});

describe('elevationGain', () => {
  const ramp = (from: number, to: number): number[] => {
    const out: number[] = [];
    const step = from < to ? 1 : -1;
    for (let e = from; e !== to + step; e += step) out.push(e);
    return out;
  };

  it.each([
    ['a steady climb in 1 m steps', ramp(0, 100), 100],
    ['up, all the way down, up again', [...ramp(0, 100), ...ramp(99, 0), ...ramp(1, 50)], 150],
    [
      'flat with ±1 m jitter',
      Array.from({ length: 200 }, (_, i) => 200 + (i % 2 === 0 ? 1 : -1)),
      0,
    ],
    ['a single 2 m bump (below threshold)', [10, 12, 10, 12, 10], 0],
    ['a descent only', ramp(300, 0), 0],
    ['rises of exactly the threshold', [0, 3, 0, 3, 0, 3], 9],
    ['NaN samples are skipped', [0, Number.NaN, 10, 20], 20],
  ])('%s', (_name, elevations, expected) => {
    expect(metrics.elevationGain(elevations, 3)).toBeCloseTo(expected, 6);
  });

  it('with a larger threshold ignores larger noise', () => {
    const noisy = [0, 4, 0, 4, 0, 4, 0];
    expect(metrics.elevationGain(noisy, 3)).toBe(12);
    expect(metrics.elevationGain(noisy, 5)).toBe(0);
  });
});

describe('summarize', () => {
  it('computes every metric of a synthetic run with known answers', () => {
    const track = meridianTrack({
      start: START,
      count: 11,
      ele: (i) => (i <= 5 ? i * 20 : 100 - (i - 5) * 20),
      heartRate: (i) => (i === 3 ? 0 : 140 + i),
    });
    const summary = metrics.summarize([track]);
    expect(summary.start).toBe(START);
    expect(summary.end).toBe(START + 10 * 300_000);
    expect(summary.elapsedSeconds).toBe(3000);
    expect(summary.movingSeconds).toBe(3000);
    expect(summary.distanceMeters).toBeCloseTo(10_000, 6);
    expect(summary.elevationGainMeters).toBe(100);
    expect(summary.maxElevationMeters).toBe(100);
    // Heart rate 0 is a dropout, not a reading.
    const readings = [140, 141, 142, 144, 145, 146, 147, 148, 149, 150];
    expect(summary.avgHeartRate).toBeCloseTo(readings.reduce((a, b) => a + b) / 10, 6);
    expect(summary.maxHeartRate).toBe(150);
  });

  it('prefers the device distance counter over haversine', () => {
    const track = meridianTrack({ start: START, count: 3 }).map((p, i) => ({
      ...p,
      distance: i * 1050,
    }));
    expect(metrics.summarize([track]).distanceMeters).toBe(2100);
  });

  it('gives zero elapsed time and no distance for a single point', () => {
    const summary = metrics.summarize([[{ time: START, lat: 45, lon: 10, ele: 5 }]]);
    expect(summary.elapsedSeconds).toBe(0);
    expect(summary.distanceMeters).toBeUndefined();
    expect(summary.elevationGainMeters).toBeUndefined();
  });
});
