// The small pure helpers behind the list, import results, home card and totals page.
import { describe, expect, it } from 'vitest';
import * as totals from '@tally/model/activities/totals';
import { activityRecord } from '@tally/model/activities/testing';
import { isReadable, pickedFolder, unitsOf } from './drop.ts';
import { filterFromParams, filterToQuery, isFiltered } from './filters.ts';
import {
  countRows,
  filterRows,
  reasonTitle,
  rowOfResult,
  summary,
  whereLabel,
  type ResultRow,
} from './results.ts';
import { byPeriod, metricValue, totalsRange, weekSummary } from './summary.ts';

describe('list filters in the URL', () => {
  it('round-trips, drops invalid dates and trims words', () => {
    const filter = filterFromParams(
      new URLSearchParams('sport=running&gear=G1&from=2026-01-01&to=2026-02-30&q=%20hill%20'),
    );
    expect(filter).toEqual({ sport: 'running', gearId: 'G1', from: '2026-01-01', text: 'hill' });
    expect(filterToQuery(filter)).toBe('?sport=running&gear=G1&from=2026-01-01&q=hill');
    expect(filterToQuery({})).toBe('');
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ text: 'x' })).toBe(true);
  });
});

describe('import result rows', () => {
  const rows: ResultRow[] = [
    rowOfResult(1, {
      status: 'failed',
      file: 'x.zip',
      entry: 'a/1.fit',
      reason: 'truncated',
      message: 'a/1.fit ends early.',
    }),
    rowOfResult(2, {
      status: 'duplicate',
      file: 'b.gpx',
      message: 'b.gpx was imported before (same content).',
    }),
    {
      key: 3,
      file: 'c.fit',
      status: 'imported',
      title: 'Imported',
      warnings: ['The start may be off.'],
    },
    { key: 4, file: 'd.fit', status: 'imported', title: 'Imported', warnings: [] },
  ];

  it('words failures for people and names where they came from', () => {
    expect(rows[0]).toMatchObject({
      status: 'failed',
      title: 'The file is cut short',
      entry: 'a/1.fit',
    });
    expect(reasonTitle('not-an-activity')).toBe('Not a workout');
    expect(reasonTitle('not-saved')).toBe('Could not be saved');
    expect(whereLabel(rows[0]!)).toBe('x.zip › a/1.fit');
    expect(whereLabel(rows[1]!)).toBe('b.gpx');
  });

  it('counts and filters', () => {
    const counts = countRows(rows);
    expect(counts).toEqual({ imported: 2, duplicate: 1, failed: 1, warnings: 1 });
    expect(summary(counts)).toBe('2 imported · 1 already imported · 1 failed');
    expect(summary(countRows([]))).toBe('0 imported');
    expect(filterRows(rows, 'problems').map((r) => r.key)).toEqual([1, 3]);
    expect(filterRows(rows, 'duplicate').map((r) => r.key)).toEqual([2]);
    expect(filterRows(rows, 'all')).toHaveLength(4);
  });
});

describe('week summary', () => {
  it('adds up this week per sport from the week-start day to today', () => {
    const at = (date: string, hour: number) =>
      Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
    const activities = [
      activityRecord({
        sport: 'running',
        start: at('2026-03-01', 8),
        distanceMeters: 9000,
        elapsedSeconds: 3000,
      }), // Sunday
      activityRecord({
        sport: 'running',
        start: at('2026-03-02', 8),
        distanceMeters: 5000,
        elapsedSeconds: 1500,
      }), // Monday
      activityRecord({
        sport: 'cycling',
        start: at('2026-03-03', 8),
        distanceMeters: 30000,
        elapsedSeconds: 3600,
        movingSeconds: 3400,
      }),
      activityRecord({
        sport: 'running',
        start: at('2026-03-04', 8),
        distanceMeters: 6000,
        elapsedSeconds: 1800,
      }),
    ];
    const monday = weekSummary(activities, '2026-03-04', { timeZone: 'UTC', weekStart: 1 });
    expect(monday.from).toBe('2026-03-02');
    expect(monday.all).toMatchObject({ count: 3, distanceMeters: 41000, movingSeconds: 6700 });
    expect(monday.bySport.map((r) => [r.group, r.count, r.distanceMeters])).toEqual([
      ['cycling', 1, 30000],
      ['running', 2, 11000],
    ]);
    const sunday = weekSummary(activities, '2026-03-04', { timeZone: 'UTC', weekStart: 0 });
    expect(sunday.from).toBe('2026-03-01');
    expect(sunday.all.count).toBe(4);
  });
});

describe('totals page', () => {
  it('covers 12 weeks or months back, or every year since the first workout', () => {
    expect(totalsRange('week', '2026-03-04', 1, undefined)).toEqual({
      from: '2025-12-15',
      to: '2026-03-04',
    });
    expect(totalsRange('month', '2026-03-04', 1, undefined)).toEqual({
      from: '2025-04-01',
      to: '2026-03-04',
    });
    expect(totalsRange('year', '2026-03-04', 1, '2019-07-02')).toEqual({
      from: '2019-01-01',
      to: '2026-03-04',
    });
    expect(totalsRange('year', '2026-03-04', 1, undefined)).toEqual({
      from: '2026-01-01',
      to: '2026-03-04',
    });
  });

  it('fills empty periods with zeros and narrows to one sport', () => {
    const activities = [
      activityRecord({ sport: 'running', start: Date.UTC(2026, 0, 10), distanceMeters: 5000 }),
      activityRecord({ sport: 'cycling', start: Date.UTC(2026, 0, 12), distanceMeters: 20000 }),
      activityRecord({ sport: 'running', start: Date.UTC(2026, 2, 3), distanceMeters: 7000 }),
    ];
    const options = {
      period: 'month' as const,
      weekStart: 1,
      timeZone: 'UTC',
      from: '2026-01-01',
      to: '2026-03-31',
    };
    const rows = totals.totals(activities, options);
    const keys = totals.periodKeys('2026-01-01', '2026-03-31', 'month', 1);
    const all = byPeriod(rows, keys);
    expect(all.map((p) => [p.period, metricValue(p, 'distance'), p.sports.length])).toEqual([
      ['2026-01', 25000, 2],
      ['2026-02', 0, 0],
      ['2026-03', 7000, 1],
    ]);
    const runs = byPeriod(rows, keys, 'running');
    expect(runs.map((p) => metricValue(p, 'count'))).toEqual([1, 0, 1]);
  });
});

describe('dropped and picked folders', () => {
  const inFolder = (path: string): File => {
    const f = new File([new Uint8Array([1])], path.slice(path.lastIndexOf('/') + 1));
    Object.defineProperty(f, 'webkitRelativePath', { value: path });
    return f;
  };

  it.each([
    ['1.fit', true],
    ['1.GPX.gz', true],
    ['export.zip', true],
    ['activities.csv', true],
    ['DI_CONNECT/x_summarizedActivities.json', true],
    ['profile.csv', false],
    ['photo.jpg', false],
  ])('%s is read from a folder: %s', (name, readable) => {
    expect(isReadable(name)).toBe(readable);
  });

  it('takes what a folder picker chose that Tally reads, with paths', () => {
    const picked = pickedFolder([
      inFolder('export_1/activities.csv'),
      inFolder('export_1/media/a.jpg'),
      inFolder('export_1/activities/2.fit.gz'),
    ]);
    expect(picked.files.map((f) => f.name)).toEqual(['activities.csv', '2.fit.gz']);
    expect(picked.paths).toEqual(['export_1/activities.csv', 'export_1/activities/2.fit.gz']);
  });

  it('reads each folder as one, and loose files alone, in the order they came', () => {
    const file = (name: string) => new File([new Uint8Array([1])], name);
    const units = unitsOf(
      [file('a.gpx'), file('1.fit'), file('b.fit'), file('activities.csv'), file('2.fit')],
      ['', 'one/activities/1.fit', '', 'one/activities.csv', 'two/2.fit'],
    );
    expect(units.map((u) => [u.name, u.folder, u.files.map((f) => f.path)])).toEqual([
      ['a.gpx', false, ['a.gpx']],
      ['one', true, ['activities/1.fit', 'activities.csv']],
      ['b.fit', false, ['b.fit']],
      ['two', true, ['2.fit']],
    ]);
    expect(unitsOf([file('c.tcx')], undefined).map((u) => u.folder)).toEqual([false]);
  });
});
