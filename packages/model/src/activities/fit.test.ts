import { describe, expect, it } from 'vitest';
import { isFit, parseFit } from './fit.ts';
import { fitFile, fromFitTime, meridianTrack } from './testing.ts';

const START = Date.UTC(2024, 4, 1, 6, 0, 0);

describe('parseFit on synthetic files', () => {
  const records = meridianTrack({
    start: START,
    count: 11,
    ele: (i) => i * 10,
    heartRate: () => 150,
  });

  it('takes the session summary as the device wrote it', () => {
    const bytes = fitFile({
      sessions: [
        {
          sport: 'running',
          subSport: 'trail',
          start: START,
          elapsedSeconds: 3000,
          timerSeconds: 2900,
          distanceMeters: 10_050,
          calories: 700,
          avgHeartRate: 151,
          maxHeartRate: 170,
          ascentMeters: 95,
          laps: 10,
        },
      ],
      records,
      activity: { timestamp: START + 3_000_000, localTimestamp: START + 3_000_000 + 7_200_000 },
    });
    expect(isFit(bytes)).toBe(true);
    const result = parseFit(bytes);
    expect(result.ok && result.value).toEqual([
      {
        sport: 'running',
        subSport: 'trail',
        start: START,
        startKind: 'utc',
        timeZone: 'Etc/GMT-2',
        elapsedSeconds: 3000,
        movingSeconds: 2900,
        distanceMeters: 10_050,
        elevationGainMeters: 95,
        maxElevationMeters: 100,
        avgHeartRate: 151,
        maxHeartRate: 170,
        calories: 700,
        device: 'Garmin Forerunner 920 XT',
        laps: 10,
      },
    ]);
  });

  it('computes from the records when the device never wrote a session', () => {
    const result = parseFit(fitFile({ records }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a] = result.value;
    expect(a!.start).toBe(START);
    expect(a!.elapsedSeconds).toBe(3000);
    expect(a!.distanceMeters).toBeCloseTo(10_000, 0);
    expect(a!.elevationGainMeters).toBe(100);
  });

  it('makes one activity per multisport leg and drops transitions unless asked', () => {
    const sessions = [
      {
        sport: 'swimming',
        subSport: 'open_water',
        start: START,
        elapsedSeconds: 1800,
        distanceMeters: 1500,
      },
      { sport: 'transition', start: START + 1_800_000, elapsedSeconds: 120, distanceMeters: 100 },
      { sport: 'cycling', start: START + 1_920_000, elapsedSeconds: 3600, distanceMeters: 40_000 },
    ];
    const bytes = fitFile({ sessions });
    const legs = parseFit(bytes);
    expect(legs.ok && legs.value.map((a) => [a.sport, a.start, a.distanceMeters])).toEqual([
      ['swimming', START, 1500],
      ['cycling', START + 1_920_000, 40_000],
    ]);
    const all = parseFit(bytes, { keepTransitions: true });
    expect(all.ok && all.value.map((a) => a.sport)).toEqual(['swimming', 'transition', 'cycling']);
  });

  it('reads every part of a chained file', () => {
    const first = fitFile({ sessions: [{ sport: 'running', start: START, elapsedSeconds: 60 }] });
    const settings = fitFile({ fileType: 2 });
    const second = fitFile({
      sessions: [{ sport: 'cycling', start: START + 3_600_000, elapsedSeconds: 60 }],
    });
    const chained = new Uint8Array([...first, ...settings, ...second]);
    const result = parseFit(chained);
    expect(result.ok && result.value.map((a) => a.sport)).toEqual(['running', 'cycling']);
  });

  it('says a settings file is not an activity', () => {
    const result = parseFit(fitFile({ fileType: 2 }));
    expect(result).toEqual({
      ok: false,
      error: {
        reason: 'not-an-activity',
        message: 'This FIT file is a settings file, not an activity.',
      },
    });
  });

  it('rebuilds a device-relative start from the local wall clock, in the user zone', () => {
    // 17217864 s after FIT time zero is 1990: seconds since the watch was switched on.
    const relative = fromFitTime(17_217_864);
    const bytes = fitFile({
      sessions: [{ sport: 'running', start: relative, elapsedSeconds: 600 }],
      activity: { timestamp: relative + 600_000, localTimestamp: Date.UTC(2012, 1, 13, 12, 0, 0) },
    });
    const result = parseFit(bytes, { timeZone: 'America/New_York' });
    expect(result.ok && result.value[0]).toMatchObject({
      startKind: 'device-clock',
      // 11:50 on the wall clock in New York (UTC−5 in February).
      start: Date.UTC(2012, 1, 13, 16, 50, 0),
    });
  });

  it('refuses to invent a date when there is no wall clock to rebuild it from', () => {
    const relative = fromFitTime(17_217_864);
    const result = parseFit(
      fitFile({ sessions: [{ sport: 'running', start: relative, elapsedSeconds: 600 }] }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toBe('unknown-start');
    expect(!result.ok && result.error.message).toMatch(/FIT time 17217864 s/);
  });

  it('rejects a damaged file by its checksum', () => {
    const bytes = fitFile({ sessions: [{ sport: 'running', start: START, elapsedSeconds: 60 }] });
    const damaged = bytes.slice();
    damaged[damaged.length - 5]! ^= 0xff;
    const result = parseFit(damaged);
    expect(!result.ok && result.error.reason).toBe('corrupt');
    expect(!result.ok && result.error.message).toMatch(/checksum/);
  });

  it('reports a file cut short, with the sizes', () => {
    const bytes = fitFile({ sessions: [{ sport: 'running', start: START, elapsedSeconds: 60 }] });
    const result = parseFit(bytes.subarray(0, bytes.length - 3));
    expect(!result.ok && result.error).toEqual({
      reason: 'truncated',
      message: `The FIT file is cut short: its header promises ${bytes.length} bytes, but the file has ${bytes.length - 3}.`,
    });
  });

  it('refuses bytes that are not FIT, and garbage after the end', () => {
    expect(!parseFit(new Uint8Array(20)).ok && 'refused').toBe('refused');
    const bytes = fitFile({ sessions: [{ sport: 'running', start: START, elapsedSeconds: 60 }] });
    const trailing = parseFit(new Uint8Array([...bytes, 1, 2, 3]));
    expect(!trailing.ok && trailing.error.reason).toBe('corrupt');
    // Zero padding after the last file is harmless.
    expect(parseFit(new Uint8Array([...bytes, 0, 0, 0, 0])).ok).toBe(true);
  });
});
