import { describe, expect, it } from 'vitest';
import { parseTcx } from './tcx.ts';
import { meridianTrack, tcxDocument } from './testing.ts';

const START = Date.UTC(2024, 4, 1, 6, 0, 0);

describe('parseTcx on synthetic files', () => {
  const points = meridianTrack({ start: START, count: 5, ele: (i) => i * 5 }).map((p, i) => ({
    ...p,
    heartRate: 150,
    cadence: 90,
    power: 200 + i * 10,
  }));

  it('prefers the lap totals, and reads HR, cadence and power', () => {
    const text = tcxDocument({
      sport: 'Biking',
      creator: 'Edge 520',
      notes: 'Windy',
      laps: [
        {
          start: START,
          totalSeconds: 600,
          distance: 2100,
          calories: 50,
          avgHeartRate: 140,
          maxHeartRate: 160,
          cadence: 88,
          avgWatts: 210,
          points: points.slice(0, 3),
        },
        {
          start: START + 600_000,
          totalSeconds: 600,
          distance: 1900,
          calories: 40,
          avgHeartRate: 150,
          maxHeartRate: 170,
          cadence: 92,
          avgWatts: 230,
          points: points.slice(3),
        },
      ],
    });
    const result = parseTcx(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a] = result.value;
    expect(a).toMatchObject({
      sport: 'cycling',
      start: START,
      elapsedSeconds: 1200,
      movingSeconds: 1200,
      distanceMeters: 4000,
      calories: 90,
      avgHeartRate: 145,
      maxHeartRate: 170,
      avgCadence: 90,
      avgPowerWatts: 220,
      device: 'Edge 520',
      laps: 2,
      notes: 'Windy',
      elevationGainMeters: 20,
    });
  });

  it('computes from the points when the laps carry no totals', () => {
    const text = tcxDocument({ sport: 'Running', laps: [{ start: START, points }] });
    const result = parseTcx(text);
    expect(result.ok && result.value[0]).toMatchObject({
      sport: 'running',
      elapsedSeconds: 1200,
      avgHeartRate: 150,
      avgCadence: 90,
      avgPowerWatts: 220,
    });
    expect(result.ok && result.value[0]!.distanceMeters).toBeCloseTo(4000, 1);
  });

  it('counts a lap the exporter wrote twice only once', () => {
    const lap = { start: START, totalSeconds: 600, distance: 2000, points: points.slice(0, 2) };
    const result = parseTcx(tcxDocument({ sport: 'Running', laps: [lap, lap] }));
    expect(result.ok && result.value[0]).toMatchObject({
      distanceMeters: 2000,
      elapsedSeconds: 600,
      laps: 1,
    });
  });

  it('reads the legs of a multisport session', () => {
    const leg = (sport: string, start: number): string =>
      `<Activity Sport="${sport}"><Id>${new Date(start).toISOString()}</Id><Lap StartTime="${new Date(start).toISOString()}"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters></Lap></Activity>`;
    const text = `<TrainingCenterDatabase><Activities><MultiSportSession><FirstSport>${leg('Biking', START)}</FirstSport><NextSport>${leg('Running', START + 700_000)}</NextSport></MultiSportSession></Activities></TrainingCenterDatabase>`;
    const result = parseTcx(text);
    expect(result.ok && result.value.map((a) => [a.sport, a.start])).toEqual([
      ['cycling', START],
      ['running', START + 700_000],
    ]);
  });

  it.each([
    [
      'a course',
      '<TrainingCenterDatabase><Courses><Course><Name>x</Name></Course></Courses></TrainingCenterDatabase>',
      'not-an-activity',
      /course/,
    ],
    ['no activity at all', '<TrainingCenterDatabase/>', 'not-an-activity', /no <Activity>/],
    [
      'an activity with nothing in it',
      '<TrainingCenterDatabase><Activities><Activity Sport="Running"></Activity></Activities></TrainingCenterDatabase>',
      'no-points',
      /no start time/,
    ],
    ['a file cut short', '<TrainingCenterDatabase><Activities><Activity', 'truncated', /cut short/],
  ])('fails cleanly on %s', (_name, text, reason, message) => {
    const result = parseTcx(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.message).toMatch(message);
    }
  });
});
