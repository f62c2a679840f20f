import { describe, expect, it } from 'vitest';
import { filterActivities } from './list.ts';
import { activityRecord } from './testing.ts';
import * as totals from './totals.ts';

const NY = 'America/New_York';

describe('dayOf', () => {
  // 2026-11-02 03:30 UTC is still Sunday 1 November in New York, Monday morning in Tokyo.
  const late = activityRecord({ start: Date.UTC(2026, 10, 2, 3, 30) });
  const tokyo = activityRecord({ start: Date.UTC(2026, 10, 1, 21, 0), timeZone: 'Asia/Tokyo' });

  it('counts a workout on the local day of the user zone (not UTC, not US/Eastern for all)', () => {
    expect(totals.dayOf(late, { timeZone: NY })).toBe('2026-11-01');
    expect(totals.dayOf(late, { timeZone: 'Europe/Berlin' })).toBe('2026-11-02');
  });

  it('uses the zone the workout happened in when known, unless told to use the user zone', () => {
    expect(totals.dayOf(tokyo, { timeZone: NY })).toBe('2026-11-02');
    expect(totals.dayOf(tokyo, { timeZone: NY, zone: 'user' })).toBe('2026-11-01');
  });
});

describe('totals', () => {
  const runs = [
    // Sunday 1 Nov and Monday 2 Nov 2026 (New York).
    activityRecord({
      sport: 'running',
      start: Date.UTC(2026, 10, 1, 14),
      elapsedSeconds: 3600,
      movingSeconds: 3500,
      distanceMeters: 10_000,
      elevationGainMeters: 50,
    }),
    activityRecord({
      sport: 'running',
      subSport: 'treadmill',
      start: Date.UTC(2026, 10, 2, 12),
      elapsedSeconds: 1800,
      distanceMeters: 5000,
    }),
    activityRecord({
      sport: 'cycling',
      start: Date.UTC(2026, 10, 2, 13),
      elapsedSeconds: 7200,
      distanceMeters: 60_000,
      calories: 1500,
    }),
    activityRecord({
      sport: 'training',
      start: Date.UTC(2026, 11, 5, 18),
      elapsedSeconds: 2700,
      distanceMeters: undefined,
    }),
    activityRecord({
      sport: 'running',
      start: Date.UTC(2027, 0, 3, 15),
      elapsedSeconds: 1800,
      distanceMeters: 5000,
    }),
  ];

  it('per week, starting Monday: Sunday belongs to the week before', () => {
    const rows = totals.totals(runs, { period: 'week', timeZone: NY, weekStart: 1 });
    expect(rows.map((r) => [r.period, r.group, r.count, r.distanceMeters])).toEqual([
      ['2026-10-26', 'running', 1, 10_000],
      ['2026-11-02', 'cycling', 1, 60_000],
      ['2026-11-02', 'running', 1, 5000],
      ['2026-11-30', 'training', 1, 0],
      ['2026-12-28', 'running', 1, 5000],
    ]);
  });

  it('per week, starting Sunday: both runs fall in one week', () => {
    const rows = totals.totals(runs, { period: 'week', timeZone: NY, weekStart: 0 });
    expect(rows.find((r) => r.period === '2026-11-01' && r.group === 'running')).toMatchObject({
      count: 2,
      distanceMeters: 15_000,
      // Moving time where known, elapsed otherwise.
      movingSeconds: 3500 + 1800,
      elapsedSeconds: 5400,
      elevationGainMeters: 50,
    });
  });

  it('per month and per year, grouped by family', () => {
    const months = totals.totals(runs, {
      period: 'month',
      timeZone: NY,
      weekStart: 1,
      groupBy: 'family',
    });
    expect(months.map((r) => [r.period, r.group, r.count])).toEqual([
      ['2026-11', 'cycling', 1],
      ['2026-11', 'running', 2],
      ['2026-12', 'training', 1],
      ['2027-01', 'running', 1],
    ]);
    const years = totals.totals(runs, { period: 'year', timeZone: NY, weekStart: 1 });
    expect(years.map((r) => [r.period, r.group, r.count])).toEqual([
      ['2026', 'cycling', 1],
      ['2026', 'running', 2],
      ['2026', 'training', 1],
      ['2027', 'running', 1],
    ]);
  });

  it('filters by local date range', () => {
    const rows = totals.totals(runs, {
      period: 'year',
      timeZone: NY,
      weekStart: 1,
      from: '2026-11-02',
      to: '2026-12-31',
    });
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('lists every period key so a chart shows empty ones', () => {
    expect(totals.periodKeys('2026-11-01', '2026-11-20', 'week', 1)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(totals.periodKeys('2026-11-15', '2027-02-01', 'month', 1)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(totals.periodKeys('2025-06-01', '2027-01-01', 'year', 1)).toEqual([
      '2025',
      '2026',
      '2027',
    ]);
    expect(totals.periodKeys('2027-01-01', '2026-01-01', 'year', 1)).toEqual([]);
  });
});

describe('calendarMonth', () => {
  const a = activityRecord({
    start: Date.UTC(2026, 1, 1, 15),
    distanceMeters: 8000,
    elapsedSeconds: 2400,
  });
  const b = activityRecord({
    start: Date.UTC(2026, 1, 1, 12),
    distanceMeters: 2000,
    elapsedSeconds: 600,
  });
  const before = activityRecord({ start: Date.UTC(2026, 0, 31, 15), distanceMeters: 5000 });
  const after = activityRecord({ start: Date.UTC(2026, 2, 5, 15), distanceMeters: 5000 });

  it('lays February 2026 out in whole Monday weeks with per-day activities and totals', () => {
    const month = totals.calendarMonth('2026-02', [a, b, before, after], {
      timeZone: NY,
      weekStart: 1,
    });
    expect(month.weeks).toHaveLength(5);
    expect(month.weeks[0]!.start).toBe('2026-01-26');
    expect(month.weeks.at(-1)!.days.at(-1)!.date).toBe('2026-03-01');
    const first = month.weeks[0]!.days;
    expect(first.map((d) => d.inMonth)).toEqual([false, false, false, false, false, false, true]);
    // Sunday 1 February: two workouts, earliest first.
    expect(first[6]).toMatchObject({
      date: '2026-02-01',
      activityIds: [b.id, a.id],
      count: 2,
      distanceMeters: 10_000,
      movingSeconds: 3000,
    });
    // The week total includes 31 January; the month total does not.
    expect(month.weeks[0]).toMatchObject({ count: 3, distanceMeters: 15_000 });
    expect(month).toMatchObject({ month: '2026-02', count: 2, distanceMeters: 10_000 });
    // 5 March is outside the grid.
    expect(month.weeks.flatMap((w) => w.days).some((d) => d.activityIds.includes(after.id))).toBe(
      false,
    );
  });

  it('starts weeks on Sunday when the setting says so', () => {
    const month = totals.calendarMonth('2026-02', [], { timeZone: NY, weekStart: 0 });
    expect(month.weeks.map((w) => w.start)).toEqual([
      '2026-02-01',
      '2026-02-08',
      '2026-02-15',
      '2026-02-22',
    ]);
  });
});

describe('filterActivities', () => {
  const list = [
    activityRecord({
      name: 'Hill repeats',
      sport: 'running',
      start: Date.UTC(2026, 10, 3, 12),
      gearId: '01JD0000000000000000000009',
    }),
    activityRecord({
      name: 'Commute',
      sport: 'cycling',
      subSport: 'commuting',
      start: Date.UTC(2026, 10, 4, 12),
    }),
    activityRecord({
      name: 'Treadmill',
      sport: 'running',
      subSport: 'treadmill',
      start: Date.UTC(2026, 10, 5, 12),
      notes: 'easy',
    }),
  ];
  const names = (filter: Parameters<typeof filterActivities>[1]) =>
    filterActivities(list, filter, { timeZone: NY }).map((a) => a.name);

  it.each([
    [{}, ['Treadmill', 'Commute', 'Hill repeats']],
    [{ sport: 'running' }, ['Treadmill', 'Hill repeats']],
    [{ family: 'cycling' as const }, ['Commute']],
    [{ gearId: '01JD0000000000000000000009' }, ['Hill repeats']],
    [{ gearId: 'none' }, ['Treadmill', 'Commute']],
    [{ from: '2026-11-04', to: '2026-11-04' }, ['Commute']],
    [{ text: 'EASY' }, ['Treadmill']],
    [{ text: 'commuting' }, ['Commute']],
    [{ text: 'hill ride' }, []],
    [{ text: 'hill running' }, ['Hill repeats']],
  ])('%j', (filter, expected) => {
    expect(names(filter)).toEqual(expected);
  });
});
