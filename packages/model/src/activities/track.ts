// A workout's path as the parsers read it, and the small version of it Tally may keep: a
// Douglas–Peucker simplification, and the SVG path data the detail view draws with no map tiles
// (no third-party requests, works offline).
import * as geo from './geo.ts';
import type { LatLon } from './geo.ts';

/** One sample from a file. Anything the file lacked, or wrote as nonsense, is absent. */
export interface TrackPoint {
  /** Epoch ms. */
  time?: number;
  lat?: number;
  lon?: number;
  /** Metres above sea level. */
  ele?: number;
  heartRate?: number;
  cadence?: number;
  power?: number;
  temperature?: number;
  /** The device's own running distance in metres (TCX, FIT), when it wrote one. */
  distance?: number;
}

/** Points recorded without a pause between them; no distance is counted across segments. */
export type Segment = readonly TrackPoint[];

export function positions(segments: readonly Segment[]): LatLon[] {
  const out: LatLon[] = [];
  for (const segment of segments) {
    for (const p of segment) {
      if (p.lat !== undefined && p.lon !== undefined) out.push([p.lat, p.lon]);
    }
  }
  return out;
}

/**
 * Douglas–Peucker: drops every point that lies within `toleranceMeters` of the line kept
 * around it. Iterative, so a 100k-point ride does not overflow the stack.
 */
export function simplify(points: readonly LatLon[], toleranceMeters: number): LatLon[] {
  if (points.length <= 2) return points.slice();
  const origin = points[0] as LatLon;
  const xy = points.map((p) => geo.toLocalMeters(p, origin));
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstDistance = toleranceMeters;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(xy[i]!, xy[first]!, xy[last]!);
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * The simplified line Tally keeps for drawing: 5 m tolerance, loosened until it fits in
 * `maxPoints`, so a long ride stays a few kilobytes. Points closer than the tolerance to the
 * last kept one go first (linear time), so Douglas–Peucker only sees what could matter.
 */
export function simplifyForStorage(points: readonly LatLon[], maxPoints = 1500): LatLon[] {
  let tolerance = 5;
  let line = simplify(thin(points, tolerance), tolerance);
  while (line.length > maxPoints) {
    tolerance *= 2;
    line = simplify(line, tolerance);
  }
  return line.map(([lat, lon]) => [round(lat, 6), round(lon, 6)] as const);
}

/** Drops points within `meters` of the last kept point; keeps the last point. */
function thin(points: readonly LatLon[], meters: number): LatLon[] {
  if (points.length <= 2) return points.slice();
  const out: LatLon[] = [points[0] as LatLon];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i] as LatLon;
    if (geo.haversine(out[out.length - 1] as LatLon, p) >= meters) out.push(p);
  }
  out.push(points[points.length - 1] as LatLon);
  return out;
}

export interface SvgOptions {
  width?: number;
  height?: number;
  /** Empty space kept around the line, in SVG units. */
  padding?: number;
}

export interface SvgTrack {
  /** The `d` attribute of a `<path>`; empty when there is nothing to draw. */
  d: string;
  viewBox: string;
  width: number;
  height: number;
}

/**
 * SVG path data for a track, north up, scaled to fit the box with its aspect ratio kept and
 * simplified to half a unit (finer detail would not show).
 */
export function toSvgPath(points: readonly LatLon[], options: SvgOptions = {}): SvgTrack {
  const width = options.width ?? 300;
  const height = options.height ?? 200;
  const padding = options.padding ?? 8;
  const empty = { d: '', viewBox: `0 0 ${width} ${height}`, width, height };
  const valid = points.filter(([lat, lon]) => geo.isValidPosition(lat, lon));
  if (valid.length === 0) return empty;

  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const [lat, lon] of valid) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
  }
  const centre: LatLon = [(minLat + maxLat) / 2, (minLon + maxLon) / 2];
  const [x0, y0] = geo.toLocalMeters([minLat, minLon], centre);
  const [x1, y1] = geo.toLocalMeters([maxLat, maxLon], centre);
  const spanX = x1 - x0;
  const spanY = y1 - y0;
  const innerW = Math.max(width - 2 * padding, 1);
  const innerH = Math.max(height - 2 * padding, 1);
  const scale = Math.min(
    spanX > 0 ? innerW / spanX : Infinity,
    spanY > 0 ? innerH / spanY : Infinity,
  );
  const unitsPerMeter = Number.isFinite(scale) ? scale : 1;
  const line = simplify(valid, 0.5 / unitsPerMeter);
  const offsetX = padding + (innerW - spanX * unitsPerMeter) / 2;
  const offsetY = padding + (innerH - spanY * unitsPerMeter) / 2;

  const parts: string[] = [];
  for (const [i, p] of line.entries()) {
    const [x, y] = geo.toLocalMeters(p, centre);
    const sx = round(offsetX + (x - x0) * unitsPerMeter, 1);
    const sy = round(offsetY + (y1 - y) * unitsPerMeter, 1);
    parts.push(`${i === 0 ? 'M' : 'L'}${sx} ${sy}`);
  }
  // A single point still gets a visible mark: a zero-length line with round caps draws a dot.
  if (line.length === 1) parts.push(parts[0]!.replace('M', 'L'));
  return { ...empty, d: parts.join(' ') };
}

function distanceToSegment(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
