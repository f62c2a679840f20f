// Every third-party file in the corpus, through the importer, against the values in
// ../shared/fixtures/SOURCES.md (read by two independent parsers). Tolerances: times exact to
// the second, distances to 1 m (5 % for haversine sums over a track), durations to 0.01 s.
import { expect, it } from 'vitest';
import { describeWithFixtures, fixture, fixtureNames } from '../../../../tests/fixtures.ts';
import { testIds } from '../testing.ts';
import * as v from 'valibot';
import { collections } from '../collections.ts';
import {
  importFile,
  importFiles,
  knownKeys,
  type ImportResult,
  type Imported,
} from './importer.ts';

const utc = (iso: string): number => Date.parse(iso);

async function run(path: string, options: { timeZone?: string } = {}): Promise<ImportResult[]> {
  const name = path.split('/').at(-1)!;
  const report = await importFile(name, fixture(`activities/${path}`), {
    ids: testIds(7),
    ...options,
  });
  expect(report.cancelled).toBe(false);
  return report.results;
}

function imported(results: ImportResult[]): Imported[] {
  for (const r of results) {
    if (r.status !== 'imported') throw new Error(`expected imported, got ${JSON.stringify(r)}`);
  }
  return results as Imported[];
}

interface Expected {
  sport: string;
  subSport?: string;
  start: string;
  distance?: number;
  elapsed: number;
  moving?: number;
  calories?: number;
  hr?: [number, number];
  laps?: number;
}

const fitActivities: [string, Expected][] = [
  [
    '2013-02-06-12-11-14.fit',
    {
      sport: 'running',
      start: '2013-02-06T12:11:14Z',
      distance: 4835.38,
      elapsed: 2625.14,
      moving: 2625.14,
      calories: 336,
      hr: [147, 171],
      laps: 5,
    },
  ],
  [
    '20170518-191602-1740899583.fit',
    {
      sport: 'rowing',
      subSport: 'indoor_rowing',
      start: '2017-05-18T16:37:30Z',
      // Distance 0 means "not measured": left out.
      distance: undefined,
      elapsed: 1707.308,
      calories: 286,
      laps: 8,
    },
  ],
  [
    'Activity.fit',
    { sport: 'running', start: '2012-04-09T21:22:26Z', distance: 5.73, elapsed: 13.749 },
  ],
  [
    'activity-settings.fit',
    { sport: 'running', start: '2012-04-09T21:22:26Z', distance: 5.73, elapsed: 13.749 },
  ],
  [
    'developer-types-sample.fit',
    { sport: 'running', start: '2017-01-17T17:06:47Z', distance: 6753.99, elapsed: 3424 },
  ],
  [
    'garmin-edge-500-activity.fit',
    {
      sport: 'cycling',
      start: '2011-09-25T13:00:21Z',
      distance: 92622.34,
      elapsed: 12691.28,
      // Moving time well under elapsed: the timer stopped on auto-pause.
      moving: 10641.06,
      calories: 1954,
      hr: [162, 189],
      laps: 9,
    },
  ],
  [
    'garmin-edge-820-bike.fit',
    {
      sport: 'cycling',
      subSport: 'commuting',
      start: '2017-06-12T16:10:15Z',
      distance: 457.12,
      elapsed: 64.524,
      calories: 8,
      hr: [116, 121],
    },
  ],
  [
    'garmin-fenix-5-run.fit',
    {
      sport: 'running',
      start: '2017-06-11T14:34:09Z',
      distance: 157.56,
      elapsed: 56.887,
      calories: 5,
      hr: [90, 112],
    },
  ],
];

function check(a: Imported, e: Expected): void {
  expect(a.input.sport).toBe(e.sport);
  expect(a.input.subSport).toBe(e.subSport);
  expect(a.input.start).toBe(utc(e.start));
  if (e.distance === undefined) expect(a.input.distanceMeters).toBeUndefined();
  else expect(a.input.distanceMeters).toBeCloseTo(e.distance, 2);
  expect(a.input.elapsedSeconds).toBeCloseTo(e.elapsed, 2);
  if (e.moving !== undefined) expect(a.input.movingSeconds).toBeCloseTo(e.moving, 2);
  if (e.calories !== undefined) expect(a.input.calories).toBe(e.calories);
  if (e.hr) expect([a.input.avgHeartRate, a.input.maxHeartRate]).toEqual(e.hr);
  if (e.laps !== undefined) expect(a.input.laps).toBe(e.laps);
  expect(JSON.stringify(a.input)).not.toMatch(/NaN|null/);
}

describeWithFixtures('activities fixtures: FIT', () => {
  it.each(fitActivities)('%s', async (file, expected) => {
    const [activity] = imported(await run(`fit/${file}`));
    check(activity!, expected);
    expect(activity!.input.sources).toHaveLength(1);
    expect(activity!.input.sources![0]).toMatchObject({ kind: 'fit', fileName: file });
    expect(activity!.input.sources![0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the chained activity+settings file gives the same workout as Activity.fit', async () => {
    const [chained] = imported(await run('fit/activity-settings.fit'));
    const [plain] = imported(await run('fit/Activity.fit'));
    const { sources: _a, ...c } = chained!.input;
    const { sources: _b, ...p } = plain!.input;
    expect(c).toEqual(p);
  });

  it('the triathlon gives its swim, ride and run; transitions only when asked', async () => {
    const legs = imported(await run('fit/sample_mulitple_header.fit'));
    expect(
      legs.map((l) => [
        l.input.sport,
        l.input.subSport,
        l.input.start,
        l.input.distanceMeters,
        l.input.elapsedSeconds,
      ]),
    ).toEqual([
      ['swimming', 'open_water', utc('2018-05-27T07:33:01Z'), 1644.71, 1987.521],
      ['cycling', undefined, utc('2018-05-27T08:08:58Z'), 40909.42, 4422.14],
      ['running', undefined, utc('2018-05-27T09:23:41Z'), 9805.92, 2850.694],
    ]);
    expect(new Set(legs.map((l) => l.input.sources?.[0]?.contentHash)).size).toBe(1);
    const report = await importFile(
      'tri.fit',
      fixture('activities/fit/sample_mulitple_header.fit'),
      {
        ids: testIds(7),
        keepTransitions: true,
      },
    );
    const all = imported(report.results);
    expect(all.map((l) => l.input.sport)).toEqual([
      'swimming',
      'transition',
      'cycling',
      'transition',
      'running',
    ]);
    const sum = all.reduce((s, l) => s + (l.input.distanceMeters ?? 0), 0);
    expect(sum).toBeCloseTo(52533.68, 1);
    expect(all.reduce((s, l) => s + l.input.elapsedSeconds, 0)).toBeCloseTo(9491.348, 2);
  });

  it('compressed-speed-distance.fit: compressed timestamps read; the 1990 start is not stored', async () => {
    const [a] = imported(
      await run('fit/compressed-speed-distance.fit', { timeZone: 'Europe/London' }),
    );
    expect(a!.input.startIsEstimate).toBe(true);
    // Rebuilt from the activity's local wall clock: 2012-02-13 12:21:03 at the end, minus the
    // 3887 s between session start and activity end; London is on UTC in February.
    expect(a!.input.start).toBe(utc('2012-02-13T11:16:16Z'));
    expect(new Date(a!.input.start).getUTCFullYear()).not.toBe(1990);
    expect(a!.input.distanceMeters).toBeCloseTo(10248.67, 2);
    expect(a!.input.elapsedSeconds).toBeCloseTo(3883.273, 3);
    expect(a!.input.movingSeconds).toBeCloseTo(3772.75, 2);
    expect(a!.input.calories).toBe(708);
    expect(a!.input.laps).toBe(11);
    expect(a!.warnings.join()).toMatch(/no date/);
  });

  it.each([
    ['Settings.fit', 'not-an-activity', /settings file/],
    ['activity-filecrc.fit', 'corrupt', /CRC/],
    ['activity-unexpected-eof.fit', 'truncated', /cut short.*771.*768/],
  ])('%s fails cleanly: %s', async (file, reason, message) => {
    const [result] = await run(`fit/${file}`);
    expect(result).toMatchObject({ status: 'failed', file, reason });
    expect(result!.status === 'failed' && result!.message).toMatch(message);
  });
});

describeWithFixtures('activities fixtures: GPX', () => {
  it.each([
    ['run_gpxtpx.gpx', '2015-01-19T21:24:20Z', 41, 125, 'Greeting SF with a dumb, dumb route'],
    ['run.gpx', '2012-10-24T23:29:40Z', 948, 3099, 'Untitled'],
    ['strava.gpx', '2018-05-14T14:54:21Z', 7723, 7471, "120' moderate and hard"],
  ])('%s', async (file, start, elapsed, distance, name) => {
    const [a] = imported(await run(`gpx/${file}`));
    expect(a!.input.start).toBe(utc(start));
    expect(a!.input.elapsedSeconds).toBe(elapsed);
    expect(a!.input.distanceMeters).toBeGreaterThan(distance * 0.95);
    expect(a!.input.distanceMeters).toBeLessThan(distance * 1.05);
    expect(a!.input.name).toBe(name);
    expect(a!.input.avgHeartRate).toBeGreaterThan(60);
    expect(a!.input.sources?.[0]?.kind).toBe('gpx');
  });

  it('multitrackgpx.gpx: one activity per day-track', async () => {
    const days = imported(await run('gpx/multitrackgpx.gpx'));
    expect(days.map((d) => [d.input.name, d.input.start, d.input.elapsedSeconds])).toEqual([
      ['Tag 1', utc('2008-07-12T09:58:23Z'), 430],
      ['Tag 2', utc('2008-07-13T07:57:31Z'), 962],
      ['Tag 3', utc('2008-07-14T07:08:19Z'), 84],
    ]);
    const total = days.reduce((s, d) => s + (d.input.distanceMeters ?? 0), 0);
    expect(total).toBeGreaterThan(1744 * 0.95);
    expect(total).toBeLessThan(1744 * 1.05);
  });

  it('unique_trkpt.gpx: a single point is a zero-length, zero-duration activity', async () => {
    const [a] = imported(await run('gpx/unique_trkpt.gpx'));
    expect(a!.input.start).toBe(utc('2014-06-17T15:47:32Z'));
    expect(a!.input.elapsedSeconds).toBe(0);
    expect(a!.input.distanceMeters).toBeUndefined();
  });

  it.each([
    ['bad.gpx', 'no-points', /none with a valid position/],
    ['empty_trk.gpx', 'no-points', /no points/],
    ['garmin_extensions.gpx', 'not-an-activity', /no times/],
    ['wpt.gpx', 'not-an-activity', /40 waypoint/],
  ])('%s fails cleanly: %s', async (file, reason, message) => {
    const [result] = await run(`gpx/${file}`);
    expect(result).toMatchObject({ status: 'failed', reason });
    expect(result!.status === 'failed' && result!.message).toMatch(message);
  });
});

describeWithFixtures('activities fixtures: TCX', () => {
  it('garmin_connect.tcx', async () => {
    const [a] = imported(await run('tcx/garmin_connect.tcx'));
    expect(a!.input).toMatchObject({
      sport: 'cycling',
      start: utc('2020-03-06T00:23:46Z'),
      elapsedSeconds: 4352,
      distanceMeters: 1691.68,
      calories: 38,
      device: 'Edge 520',
      laps: 1,
    });
  });

  it('sample.tcx: the lap totals win over the shortened track', async () => {
    const [a] = imported(await run('tcx/sample.tcx'));
    expect(a!.input).toMatchObject({
      sport: 'running',
      start: utc('2007-08-07T02:42:41Z'),
      elapsedSeconds: 2325.02,
      distanceMeters: 8348.5,
      calories: 285,
      device: 'Forerunner305',
    });
  });

  it('bad.tcx: nonsense positions dropped, the duplicated lap counted once, offset kept', async () => {
    const report = await importFile('bad.tcx', fixture('activities/tcx/bad.tcx'), {
      ids: testIds(7),
      includeTrack: true,
    });
    const [a] = imported(report.results);
    expect(a!.input).toMatchObject({
      sport: 'cycling',
      start: utc('2020-12-27T14:43:49Z'),
      timeZone: 'Etc/GMT-1',
      elapsedSeconds: 2283,
      distanceMeters: 6839.97,
      device: 'Fitbit Versa',
      laps: 1,
    });
    // Of four points only (0, 10) is a real position: 0/0, "no"/"undefined" are not.
    expect(a!.track).toEqual([[0, 10]]);
    expect(JSON.stringify(a)).not.toMatch(/NaN|null/);
  });

  it('tcx-courses.tcx is a course, not an activity', async () => {
    const [result] = await run('tcx/tcx-courses.tcx');
    expect(result).toMatchObject({ status: 'failed', reason: 'not-an-activity' });
    expect(result!.status === 'failed' && result!.message).toMatch(/course/);
  });
});

describeWithFixtures('activities fixtures: the whole corpus in one batch', () => {
  it('imports what it can, reports the rest, and re-importing finds only duplicates', async () => {
    const files = ['fit', 'gpx', 'tcx'].flatMap((dir) =>
      fixtureNames(`activities/${dir}`).map((name) => ({
        name,
        bytes: fixture(`activities/${dir}/${name}`),
      })),
    );
    const first = await importFiles(files, { ids: testIds(3), timeZone: 'UTC' });
    const counts = (rs: ImportResult[]): Record<string, number> =>
      rs.reduce<Record<string, number>>(
        (c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }),
        {},
      );
    expect(counts(first.results)).toEqual({ imported: 22, failed: 8 });
    const stored = imported(first.results.filter((r) => r.status === 'imported')).map((r) =>
      v.parse(collections.activities.schema, { ...r.input, id: r.id }),
    );
    const known = knownKeys(stored);
    const again = await importFiles(files, { ids: testIds(3), knownHashes: known.hashes });
    // The 18 files imported before (the triathlon's three legs are one file) are duplicates now;
    // the 8 that failed fail again.
    expect(counts(again.results)).toEqual({ duplicate: 18, failed: 8 });
  });
});
