import { describe, expect, it } from 'vitest';
import * as dates from '../dates.ts';
import {
  clipPauses,
  dailyTotals,
  formatDuration,
  isPaused,
  pausedSeconds,
  splitByDay,
  weekDates,
  weeklyTotals,
  workedSeconds,
} from './durations.ts';
import { entry, H, M } from './testing.ts';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const at = (date: string, hours: number, zone: string): number =>
  dates.instantAt(date, Math.round(hours * H), zone);

describe('worked time with pauses', () => {
  const nine = Date.UTC(2026, 10, 2, 9);

  it.each([
    ['no pauses', [], 8 * 3600],
    ['one closed pause', [{ start: nine + 3 * H, end: nine + 4 * H }], 7 * 3600],
    [
      'overlapping pauses count once',
      [
        { start: nine + 3 * H, end: nine + 4 * H },
        { start: nine + 3.5 * H, end: nine + 4.5 * H },
      ],
      6.5 * 3600,
    ],
    ['a pause before the start is cut', [{ start: nine - 2 * H, end: nine + H }], 7 * 3600],
    ['a pause past the end is cut', [{ start: nine + 7 * H, end: nine + 10 * H }], 7 * 3600],
    ['an open pause on an ended entry lasts to the end', [{ start: nine + 6 * H }], 6 * 3600],
  ])('%s', (_what, pauses, expected) => {
    const e = entry({ start: nine, end: nine + 8 * H, pauses });
    expect(workedSeconds(e, 0)).toBe(expected);
    expect(pausedSeconds(e, 0)).toBe(8 * 3600 - expected);
  });

  it('a running entry counts until now, a paused one until its pause', () => {
    const running = entry({ start: nine, end: undefined });
    expect(workedSeconds(running, nine + 90 * M)).toBe(90 * 60);
    const paused = entry({ start: nine, end: undefined, pauses: [{ start: nine + H }] });
    expect(isPaused(paused)).toBe(true);
    expect(workedSeconds(paused, nine + 5 * H)).toBe(3600);
    expect(pausedSeconds(paused, nine + 5 * H)).toBe(4 * 3600);
  });

  it('a running entry whose start is after now (a clock ahead) counts nothing', () => {
    expect(workedSeconds(entry({ start: nine, end: undefined }), nine - H)).toBe(0);
  });

  it('drops part seconds', () => {
    expect(workedSeconds(entry({ start: nine, end: nine + 1999 }), 0)).toBe(1);
  });
});

describe('clipPauses', () => {
  const pauses = [{ start: 10, end: 20 }, { start: 30 }, { start: 50, end: 60 }];

  it.each([
    [
      100,
      [
        { start: 10, end: 20 },
        { start: 30, end: 100 },
        { start: 50, end: 60 },
      ],
    ],
    [
      55,
      [
        { start: 10, end: 20 },
        { start: 30, end: 55 },
        { start: 50, end: 55 },
      ],
    ],
    [30, [{ start: 10, end: 20 }]],
    [15, [{ start: 10, end: 15 }]],
    [10, []],
  ])('at %i', (end, expected) => expect(clipPauses(pauses, end)).toEqual(expected));

  it('is idempotent, and clipping twice is clipping once at the earlier end', () => {
    for (const a of [5, 15, 25, 35, 55, 70])
      for (const b of [5, 15, 25, 35, 55, 70]) {
        expect(clipPauses(clipPauses(pauses, a), b)).toEqual(clipPauses(pauses, Math.min(a, b)));
      }
  });
});

describe('splitting by local day', () => {
  const seconds = (e: ReturnType<typeof entry>, zone: string) =>
    splitByDay(e, zone, 0).map((d) => [d.date, d.seconds]);

  it.each([
    [
      'across midnight',
      BERLIN,
      at('2026-06-01', 22, BERLIN),
      at('2026-06-02', 1.5, BERLIN),
      [
        ['2026-06-01', 2 * 3600],
        ['2026-06-02', 1.5 * 3600],
      ],
    ],
    [
      'New York spring forward: 22:00 to 22:00 next day is 23 h',
      NY,
      at('2026-03-07', 22, NY),
      at('2026-03-08', 22, NY),
      [
        ['2026-03-07', 2 * 3600],
        ['2026-03-08', 21 * 3600],
      ],
    ],
    [
      'New York fall back: the whole day is 25 h',
      NY,
      dates.startOfDay('2026-11-01', NY),
      dates.startOfDay('2026-11-02', NY),
      [['2026-11-01', 25 * 3600]],
    ],
    [
      'New York fall back: 23:00 to 03:00 is 5 h',
      NY,
      at('2026-10-31', 23, NY),
      at('2026-11-01', 3, NY),
      [
        ['2026-10-31', 3600],
        ['2026-11-01', 4 * 3600],
      ],
    ],
    [
      'Berlin spring forward: 23:30 to 03:30 is 3 h',
      BERLIN,
      at('2026-03-28', 23.5, BERLIN),
      at('2026-03-29', 3.5, BERLIN),
      [
        ['2026-03-28', 1800],
        ['2026-03-29', 2.5 * 3600],
      ],
    ],
    [
      'Berlin fall back: 23:30 to 03:30 is 5 h',
      BERLIN,
      at('2026-10-24', 23.5, BERLIN),
      at('2026-10-25', 3.5, BERLIN),
      [
        ['2026-10-24', 1800],
        ['2026-10-25', 4.5 * 3600],
      ],
    ],
    [
      'three days',
      'UTC',
      Date.UTC(2026, 0, 1, 12),
      Date.UTC(2026, 0, 3, 6),
      [
        ['2026-01-01', 12 * 3600],
        ['2026-01-02', 24 * 3600],
        ['2026-01-03', 6 * 3600],
      ],
    ],
  ])('%s', (_what, zone, start, end, expected) => {
    expect(seconds(entry({ start, end }), zone)).toEqual(expected);
  });

  it('cuts pauses out of each day', () => {
    const e = entry({
      start: at('2026-06-01', 22, BERLIN),
      end: at('2026-06-02', 2, BERLIN),
      pauses: [{ start: at('2026-06-01', 23.5, BERLIN), end: at('2026-06-02', 0.5, BERLIN) }],
    });
    expect(seconds(e, BERLIN)).toEqual([
      ['2026-06-01', 1.5 * 3600],
      ['2026-06-02', 1.5 * 3600],
    ]);
  });

  it('shares whole seconds so the days add up to the entry', () => {
    const midnight = Date.UTC(2026, 0, 2);
    const e = entry({ start: midnight - 999, end: midnight + 1501 });
    const days = splitByDay(e, 'UTC', 0);
    expect(days.map((d) => d.ms)).toEqual([999, 1501]);
    expect(days.reduce((s, d) => s + d.seconds, 0)).toBe(workedSeconds(e, 0));
  });

  it('gives an empty entry one empty day, so it still lists', () => {
    const start = at('2026-06-01', 10, BERLIN);
    expect(seconds(entry({ start, end: start }), BERLIN)).toEqual([['2026-06-01', 0]]);
  });
});

describe('daily and weekly totals', () => {
  // Sunday 2026-11-22 and Monday 2026-11-23, in Berlin.
  const sunday = entry({
    start: at('2026-11-22', 10, BERLIN),
    end: at('2026-11-22', 12, BERLIN),
  });
  const overnight = entry({
    start: at('2026-11-22', 23, BERLIN),
    end: at('2026-11-23', 1, BERLIN),
  });
  const monday = entry({ start: at('2026-11-23', 9, BERLIN), end: at('2026-11-23', 10, BERLIN) });
  const all = [sunday, overnight, monday];

  it('adds up each day, overnight entries on both days', () => {
    expect([...dailyTotals(all, BERLIN, 0)]).toEqual([
      ['2026-11-22', 3 * 3600],
      ['2026-11-23', 2 * 3600],
    ]);
  });

  it('keeps only the days in range', () => {
    expect([...dailyTotals(all, BERLIN, 0, { from: '2026-11-23' })]).toEqual([
      ['2026-11-23', 2 * 3600],
    ]);
  });

  it.each([
    [
      1,
      [
        ['2026-11-16', 3 * 3600],
        ['2026-11-23', 2 * 3600],
      ],
    ],
    [0, [['2026-11-22', 5 * 3600]]],
  ])('week start %i', (weekStart, expected) => {
    expect([...weeklyTotals(all, BERLIN, weekStart, 0)]).toEqual(expected);
  });

  it('lists the seven days of a week', () => {
    expect(weekDates('2026-11-22', 1)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(weekDates('2026-11-22', 0)[0]).toBe('2026-11-22');
  });

  it('a week holding the New York fall-back day has 169 h', () => {
    // Sunday 2026-11-01 starts a Sunday week; it has 25 h, the others 24.
    const start = dates.startOfDay('2026-11-01', NY);
    const end = dates.startOfDay('2026-11-08', NY);
    const week = weeklyTotals([entry({ start, end })], NY, 0, 0);
    expect([...week]).toEqual([['2026-11-01', (7 * 24 + 1) * 3600]]);
  });
});

it.each([
  [0, '0:00:00'],
  [59, '0:00:59'],
  [3600, '1:00:00'],
  [5025, '1:23:45'],
  [672_994, '186:56:34'],
])('formatDuration(%i) = %s', (s, expected) => expect(formatDuration(s)).toBe(expected));
