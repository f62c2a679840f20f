import { describe, expect, it } from 'vitest';
import * as garmin from './garmin.ts';
import type { ParsedActivity } from './parsed.ts';
import * as strava from './strava.ts';

// The real header of Strava's activities.csv (it repeats some names).
const HEADER =
  'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature';

describe('Strava activities.csv', () => {
  it('reads a row of the real export, taking the metre and precise columns', () => {
    const row =
      '4163856655,"Oct 7, 2020, 2:43:11 PM",Evening chill,Ride,"",5601,18.96,160,,false,,Pathfinder,activities/4163856655.gpx,,,5601.0,4567.0,18962.80078125,10.399999618530273,4.15,109.99,113.69,115.4,156.0,9.3,-0.02,,,95,80,161,140,,210,650,,21';
    const parsed = strava.parseActivitiesCsv(`${HEADER}\n${row}\n`);
    expect(parsed.ok && parsed.value).toEqual([
      {
        line: 2,
        activityId: '4163856655',
        start: Date.UTC(2020, 9, 7, 14, 43, 11),
        name: 'Evening chill',
        type: 'Ride',
        gear: 'Pathfinder',
        fileName: 'activities/4163856655.gpx',
        elapsedSeconds: 5601,
        movingSeconds: 4567,
        distanceMeters: 18962.80078125,
        elevationGainMeters: 109.99,
        avgHeartRate: 140,
        maxHeartRate: 161,
        avgPowerWatts: 210,
        avgCadence: 80,
        calories: 650,
        avgTemperatureC: 21,
        maxSpeedMetersPerSecond: 10.399999618530273,
      },
    ]);
  });

  it('reads an old export with one Distance column in km (swims in metres)', () => {
    const text = [
      'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename',
      '1,"Jan 1, 2016, 10:00:00 AM",Run,Run,1800,5.2,',
      '2,"Jan 2, 2016, 10:00:00 AM",Pool,Swim,1800,1500,',
    ].join('\n');
    const parsed = strava.parseActivitiesCsv(text);
    expect(parsed.ok && parsed.value.map((r) => r.distanceMeters)).toEqual([5200, 1500]);
  });

  it.each([
    ['Oct 7, 2020, 2:43:11 PM', Date.UTC(2020, 9, 7, 14, 43, 11)],
    ['Jan 1, 2024, 12:05:00 AM', Date.UTC(2024, 0, 1, 0, 5)],
    ['Jan 1, 2024, 12:05:00 PM', Date.UTC(2024, 0, 1, 12, 5)],
    ['Sept 3, 2023, 9:00:00 AM', Date.UTC(2023, 8, 3, 9)],
    ['2024-01-15 10:00:00', Date.UTC(2024, 0, 15, 10)],
    ['Foo 3, 2023, 9:00:00 AM', undefined],
    ['', undefined],
  ])('parseDate(%j)', (text, expected) => {
    expect(strava.parseDate(text)).toBe(expected);
  });

  it('recognises the file by its header', () => {
    expect(strava.isActivitiesCsv(`\uFEFF${HEADER}\n`)).toBe(true);
    expect(strava.isActivitiesCsv('date,amount,payee\n')).toBe(false);
  });

  const base: ParsedActivity = {
    sport: 'cycling',
    subSport: 'commuting',
    start: 0,
    startKind: 'utc',
    elapsedSeconds: 60,
  };
  const row = (type: string): strava.StravaRow => ({
    line: 2,
    activityId: '1',
    type,
    name: 'Named',
  });

  it.each([
    ['Ride', { sport: 'cycling', subSport: 'commuting' }],
    ['Virtual Ride', { sport: 'cycling', subSport: 'virtual_activity' }],
    ['E-Bike Ride', { sport: 'e_biking', subSport: undefined }],
    ['Run', { sport: 'running', subSport: undefined }],
  ])('the type the person chose (%s) against the file’s cycling/commuting', (type, expected) => {
    const out = strava.enrich(base, row(type));
    expect({ sport: out.sport, subSport: out.subSport }).toEqual(expected);
    expect(out.name).toBe('Named');
  });

  it('a row without a date cannot make an activity', () => {
    const result = strava.rowToActivity({ line: 7, activityId: '9', elapsedSeconds: 10 });
    expect(!result.ok && result.error).toEqual({
      reason: 'unknown-start',
      message: 'activities.csv line 7 (activity 9): the Activity Date is missing or unreadable.',
    });
  });
});

describe('Garmin summarizedActivities.json', () => {
  it('reads the wrapped list in Garmin units', () => {
    const text = JSON.stringify([
      {
        summarizedActivitiesExport: [
          {
            activityId: 42,
            name: ' Lunch swim ',
            activityType: 'lap_swimming',
            startTimeGmt: 1_700_000_000_000,
            duration: 1_800_500,
            movingDuration: 1_700_000,
            distance: 150_000,
            elevationGain: 1234,
            avgHr: 130,
          },
          { activityId: 43, activityType: 'multi_sport', parent: true },
          { name: 'no id' },
        ],
      },
    ]);
    const parsed = garmin.parseSummaries(text);
    expect(parsed.ok && parsed.value).toEqual([
      {
        activityId: '42',
        name: 'Lunch swim',
        sport: { sport: 'swimming', subSport: 'lap_swimming' },
        start: 1_700_000_000_000,
        elapsedSeconds: 1800.5,
        movingSeconds: 1700,
        distanceMeters: 1500,
        elevationGainMeters: 12.34,
        avgHeartRate: 130,
        maxHeartRate: undefined,
        avgPowerWatts: undefined,
        parent: false,
      },
      expect.objectContaining({ activityId: '43', parent: true }),
    ]);
  });

  it('says what is wrong with a broken file', () => {
    const parsed = garmin.parseSummaries('[{');
    expect(!parsed.ok && parsed.error).toMatch(/^not valid JSON/);
  });

  it('recognises an export by its folders', () => {
    expect(garmin.isExport(['DI_CONNECT/DI-Connect-User/user.json'])).toBe(true);
    expect(garmin.isExport(['activities.csv', 'activities/1.gpx'])).toBe(false);
  });
});
