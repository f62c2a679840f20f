// Metrics computed from a track when the file carries no summary of its own (GPX always, TCX
// partly). When a device wrote a session or lap summary, the parsers use that instead: the
// device saw every sample and knew when it was paused; we only see what it kept.
import * as geo from './geo.ts';
import type { Segment, TrackPoint } from './track.ts';

export interface MetricOptions {
  /** Below this speed (m/s) a stretch counts as stopped. 0.5 m/s is a slow shuffle. */
  movingSpeed?: number;
  /** A step implying more than this speed (m/s) is a GPS glitch and adds no distance. */
  maxSpeed?: number;
  /** Rises and falls smaller than this (m) are altimeter noise, not climbing. */
  elevationThreshold?: number;
}

export const defaultMetricOptions: Required<MetricOptions> = {
  movingSpeed: 0.5,
  maxSpeed: 100,
  elevationThreshold: 3,
};

export interface TrackMetrics {
  /** Epoch ms of the first and last timed point. */
  start?: number;
  end?: number;
  elapsedSeconds: number;
  movingSeconds?: number;
  distanceMeters?: number;
  elevationGainMeters?: number;
  maxElevationMeters?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  avgCadence?: number;
  avgPowerWatts?: number;
  avgTemperatureC?: number;
}

/**
 * Distance along the track by haversine, summed within each segment (a pause between segments
 * is not a straight-line run). Undefined when fewer than two points have a position.
 */
export function trackDistance(
  segments: readonly Segment[],
  options: MetricOptions = {},
): number | undefined {
  const { maxSpeed } = { ...defaultMetricOptions, ...options };
  let total = 0;
  let pairs = 0;
  for (const segment of segments) {
    let previous: Positioned | undefined;
    for (const point of segment) {
      if (!hasPosition(point)) continue;
      if (previous) {
        const d = geo.haversine([previous.lat, previous.lon], [point.lat, point.lon]);
        const dt = secondsBetween(previous, point);
        pairs++;
        if (dt === undefined || dt <= 0 || d / dt <= maxSpeed) total += d;
        else continue; // a glitch: keep measuring from the last believable point
      }
      previous = point;
    }
  }
  return pairs > 0 ? total : undefined;
}

/**
 * Time spent faster than `movingSpeed`, from positions (or the device's distance counter
 * where there are no positions). Undefined when no stretch says whether it moved.
 */
export function movingSeconds(
  segments: readonly Segment[],
  options: MetricOptions = {},
): number | undefined {
  const { movingSpeed, maxSpeed } = { ...defaultMetricOptions, ...options };
  let moving = 0;
  let known = false;
  for (const segment of segments) {
    for (let i = 1; i < segment.length; i++) {
      const a = segment[i - 1] as TrackPoint;
      const b = segment[i] as TrackPoint;
      const dt = secondsBetween(a, b);
      if (dt === undefined || dt <= 0) continue;
      const d = stepDistance(a, b);
      if (d === undefined) continue;
      known = true;
      const speed = d / dt;
      if (speed >= movingSpeed && speed <= maxSpeed) moving += dt;
    }
  }
  return known ? moving : undefined;
}

/**
 * Total climb with hysteresis: a climb starts counting once the altitude is `threshold` metres
 * above the lowest point since the last descent, and a descent starts once it is `threshold`
 * below the highest point of the climb. Jitter on the flat adds nothing, and a long climb made
 * of many small steps counts in full.
 */
export function elevationGain(elevations: readonly number[], threshold = 3): number {
  let gain = 0;
  let reference: number | undefined;
  let climbing = false;
  for (const ele of elevations) {
    if (!Number.isFinite(ele)) continue;
    if (reference === undefined) {
      reference = ele;
    } else if (climbing) {
      if (ele > reference) {
        gain += ele - reference;
        reference = ele;
      } else if (reference - ele >= threshold) {
        climbing = false;
        reference = ele;
      }
    } else if (ele < reference) {
      reference = ele;
    } else if (ele - reference >= threshold) {
      climbing = true;
      gain += ele - reference;
      reference = ele;
    }
  }
  return gain;
}

/** Everything the track alone can tell. */
export function summarize(segments: readonly Segment[], options: MetricOptions = {}): TrackMetrics {
  const merged = { ...defaultMetricOptions, ...options };
  let start: number | undefined;
  let end: number | undefined;
  const elevations: number[] = [];
  const hr = new Mean(true);
  const cadence = new Mean(true);
  const power = new Mean(false);
  const temperature = new Mean(false);
  let firstDistance: number | undefined;
  let lastDistance: number | undefined;
  for (const segment of segments) {
    for (const p of segment) {
      if (p.time !== undefined) {
        start = start === undefined ? p.time : Math.min(start, p.time);
        end = end === undefined ? p.time : Math.max(end, p.time);
      }
      if (p.ele !== undefined) elevations.push(p.ele);
      hr.add(p.heartRate);
      cadence.add(p.cadence);
      power.add(p.power);
      temperature.add(p.temperature);
      if (p.distance !== undefined) {
        firstDistance ??= p.distance;
        lastDistance = p.distance;
      }
    }
  }
  // The device's own counter (wheel sensor, foot pod, its filtered GPS) beats our haversine.
  const deviceDistance =
    firstDistance !== undefined && lastDistance !== undefined && lastDistance > firstDistance
      ? lastDistance - firstDistance
      : undefined;
  const distanceMeters = deviceDistance ?? trackDistance(segments, merged);
  return {
    start,
    end,
    elapsedSeconds: start !== undefined && end !== undefined ? (end - start) / 1000 : 0,
    movingSeconds: movingSeconds(segments, merged),
    distanceMeters,
    elevationGainMeters:
      elevations.length > 1 ? elevationGain(elevations, merged.elevationThreshold) : undefined,
    maxElevationMeters: elevations.length > 0 ? Math.max(...elevations) : undefined,
    avgHeartRate: hr.value(),
    maxHeartRate: hr.max(),
    avgCadence: cadence.value(),
    avgPowerWatts: power.value(),
    avgTemperatureC: temperature.value(),
  };
}

type Positioned = TrackPoint & { lat: number; lon: number };

function hasPosition(p: TrackPoint): p is Positioned {
  return p.lat !== undefined && p.lon !== undefined;
}

function secondsBetween(a: TrackPoint, b: TrackPoint): number | undefined {
  return a.time !== undefined && b.time !== undefined ? (b.time - a.time) / 1000 : undefined;
}

function stepDistance(a: TrackPoint, b: TrackPoint): number | undefined {
  if (hasPosition(a) && hasPosition(b)) return geo.haversine([a.lat, a.lon], [b.lat, b.lon]);
  if (a.distance !== undefined && b.distance !== undefined)
    return Math.max(0, b.distance - a.distance);
  return undefined;
}

/** A running mean; zeros are dropouts for heart rate and cadence, real values for power. */
class Mean {
  #sum = 0;
  #count = 0;
  #max = -Infinity;
  readonly #skipZero: boolean;

  constructor(skipZero: boolean) {
    this.#skipZero = skipZero;
  }

  add(value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    if (this.#skipZero && value === 0) return;
    this.#sum += value;
    this.#count++;
    this.#max = Math.max(this.#max, value);
  }

  value(): number | undefined {
    return this.#count > 0 ? this.#sum / this.#count : undefined;
  }

  max(): number | undefined {
    return this.#count > 0 ? this.#max : undefined;
  }
}
