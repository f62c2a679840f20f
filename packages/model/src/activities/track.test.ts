import { describe, expect, it } from 'vitest';
import type { LatLon } from './geo.ts';
import { metersToLatitude } from './testing.ts';
import * as track from './track.ts';

const north = (meters: number, lon = 10): LatLon => [45 + metersToLatitude(meters), lon];

describe('simplify (Douglas–Peucker)', () => {
  it('drops points on a straight line and keeps the ends', () => {
    const line = Array.from({ length: 50 }, (_, i) => north(i * 100));
    const simple = track.simplify(line, 1);
    expect(simple).toEqual([line[0], line[49]]);
  });

  it('keeps a corner farther than the tolerance and drops one closer', () => {
    // An L: north 1 km, then east 1 km (0.0127° of longitude at 45° N is about 1 km).
    const corner = north(1000);
    const l: LatLon[] = [
      north(0),
      north(500),
      corner,
      [corner[0], corner[1] + 0.00635],
      [corner[0], corner[1] + 0.0127],
    ];
    expect(track.simplify(l, 10)).toEqual([l[0], corner, l[4]]);
    const wiggle: LatLon[] = [north(0), [north(500)[0], 10.00001], north(1000)];
    expect(track.simplify(wiggle, 5)).toEqual([wiggle[0], wiggle[2]]);
  });

  it('handles 100k points without recursion', () => {
    const zigzag = Array.from({ length: 100_000 }, (_, i) => north(i * 10, 10 + (i % 2) * 0.001));
    const simple = track.simplify(zigzag, 1000);
    expect(simple.length).toBeLessThan(100);
    expect(simple[0]).toEqual(zigzag[0]);
    expect(simple.at(-1)).toEqual(zigzag.at(-1));
  });

  it('simplifyForStorage stays under its point budget', () => {
    // A 20k-point loop of about 30 km with a 10 m wobble, like a long ride recorded every second.
    const loop = Array.from({ length: 20_000 }, (_, i): LatLon => {
      const a = (i / 20_000) * 2 * Math.PI;
      const r = 0.04 + Math.sin(i / 7) * 0.0001;
      return [45 + r * Math.sin(a), 10 + r * Math.cos(a) * 1.41];
    });
    const kept = track.simplifyForStorage(loop, 500);
    expect(kept.length).toBeLessThanOrEqual(500);
    expect(kept.length).toBeGreaterThan(20);
  });
});

describe('toSvgPath', () => {
  it('draws north up inside the padded box, keeping the aspect ratio', () => {
    const line: LatLon[] = [north(0), north(1000)];
    const svg = track.toSvgPath(line, { width: 100, height: 100, padding: 10 });
    expect(svg.viewBox).toBe('0 0 100 100');
    // A north-south line: centred horizontally, from bottom (south) to top (north).
    expect(svg.d).toBe('M50 90 L50 10');
  });

  it('fits a wide track to the width', () => {
    const line: LatLon[] = [
      [45, 10],
      [45, 10.1],
    ];
    const svg = track.toSvgPath(line, { width: 200, height: 100, padding: 0 });
    expect(svg.d).toBe('M0 50 L200 50');
  });

  it('skips invalid positions and draws a single point as a dot', () => {
    const svg = track.toSvgPath([[0, 0], north(0)], { width: 10, height: 10, padding: 0 });
    expect(svg.d).toBe('M5 5 L5 5');
  });

  it('is empty when there is nothing to draw', () => {
    expect(track.toSvgPath([]).d).toBe('');
  });

  it('uses only M and L commands with finite numbers', () => {
    const wiggly = Array.from({ length: 500 }, (_, i) =>
      north(i * 20, 10 + Math.sin(i / 10) * 0.01),
    );
    const svg = track.toSvgPath(wiggly);
    expect(svg.d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
  });
});
