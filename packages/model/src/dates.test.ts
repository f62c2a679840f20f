import { describe, expect, it } from 'vitest';
import * as dates from './dates.ts';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-12-31', true],
  ])('isCalendarDate(%s) = %s', (d, expected) => expect(dates.isCalendarDate(d)).toBe(expected));

  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => expect(dates.addDays(d, n)).toBe(expected));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => expect(dates.addMonths(d, n)).toBe(expected));

  it.each([
    ['2026-02', 31, '2026-02-28'],
    ['2028-02', 31, '2028-02-29'],
    ['2026-04', 31, '2026-04-30'],
    ['2026-04', 15, '2026-04-15'],
    ['2026-12', 31, '2026-12-31'],
  ])('dayOfMonth(%s, %i) = %s', (m, day, expected) =>
    expect(dates.dayOfMonth(m, day)).toBe(expected),
  );

  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-01', -13, '2024-12'],
    ['2026-06', 18, '2027-12'],
  ])('addMonthsToMonth(%s, %i) = %s', (m, n, expected) =>
    expect(dates.addMonthsToMonth(m, n)).toBe(expected),
  );

  it.each([
    ['1970-01-01', 4],
    ['2026-11-22', 0],
    ['2026-11-23', 1],
    ['2000-02-29', 2],
    ['1969-12-31', 3],
  ])('dayOfWeek(%s) = %i', (d, expected) => expect(dates.dayOfWeek(d)).toBe(expected));

  it.each([
    ['2026-11-22', 1, '2026-11-16'],
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-11-23', 1, '2026-11-23'],
    ['2026-11-21', 6, '2026-11-21'],
    ['2026-01-01', 1, '2025-12-29'],
  ])('startOfWeek(%s, %i) = %s', (d, ws, expected) =>
    expect(dates.startOfWeek(d, ws)).toBe(expected),
  );

  it('diffDays and diffMonths count across years', () => {
    expect(dates.diffDays('2025-12-31', '2026-01-01')).toBe(1);
    expect(dates.diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(dates.diffDays('2026-03-10', '2026-03-01')).toBe(-9);
    expect(dates.diffMonths('2025-11', '2026-02')).toBe(3);
  });

  it('day numbers round-trip', () => {
    for (const d of ['1970-01-01', '1969-12-31', '2000-02-29', '2026-11-22', '2099-12-31']) {
      expect(dates.fromDayNumber(dates.toDayNumber(d))).toBe(d);
    }
  });

  it('refuses impossible dates', () => {
    expect(() => dates.fromParts(2026, 2, 30)).toThrow(RangeError);
    expect(() => dates.parts('2026-02-30')).toThrow(RangeError);
    expect(() => dates.monthParts('2026-13')).toThrow(RangeError);
  });
});

describe('instants and time zones', () => {
  const utc = (iso: string): number => Date.parse(iso);

  it.each([
    ['2026-03-08', 'America/New_York', 23],
    ['2026-11-01', 'America/New_York', 25],
    ['2026-03-29', 'Europe/Berlin', 23],
    ['2026-10-25', 'Europe/Berlin', 25],
    ['2026-11-22', 'Europe/Berlin', 24],
    ['2026-04-05', 'Australia/Sydney', 25],
    ['2026-10-04', 'Australia/Sydney', 23],
    ['2026-04-05', 'Australia/Lord_Howe', 24.5],
    ['2026-07-01', 'UTC', 24],
  ])('%s in %s is %f hours long', (d, zone, hours) => {
    expect(dates.dayLengthMs(d, zone)).toBe(hours * 3_600_000);
  });

  it.each([
    ['2026-11-22', 0, 'America/New_York', '2026-11-22T05:00:00Z'],
    ['2026-07-01', 0, 'America/New_York', '2026-07-01T04:00:00Z'],
    ['2026-11-22', 9 * 3600_000, 'Asia/Kolkata', '2026-11-22T03:30:00Z'],
    // 02:30 does not exist on the spring-forward day: moved forward by the gap to 03:30 EDT.
    ['2026-03-08', 2.5 * 3600_000, 'America/New_York', '2026-03-08T07:30:00Z'],
    // 01:30 happens twice on the fall-back day: the earlier one, EDT.
    ['2026-11-01', 1.5 * 3600_000, 'America/New_York', '2026-11-01T05:30:00Z'],
    ['2026-01-01', 0, 'Pacific/Kiritimati', '2025-12-31T10:00:00Z'],
  ])('instantAt(%s, %i, %s) = %s', (d, ms, zone, iso) => {
    expect(dates.instantAt(d, ms, zone)).toBe(utc(iso));
  });

  it.each([
    ['2026-11-22T04:59:59Z', 'America/New_York', '2026-11-21'],
    ['2026-11-22T05:00:00Z', 'America/New_York', '2026-11-22'],
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', '2027-01-01'],
    ['2026-12-31T23:30:00Z', 'UTC', '2026-12-31'],
  ])('localDate(%s, %s) = %s', (iso, zone, expected) => {
    expect(dates.localDate(utc(iso), zone)).toBe(expected);
  });

  it('zonedParts gives the wall clock', () => {
    expect(dates.zonedParts(utc('2026-11-22T14:05:09.250Z'), 'Europe/London')).toEqual({
      date: '2026-11-22',
      hour: 14,
      minute: 5,
      second: 9,
      millisecond: 250,
    });
  });

  it('offsets follow DST', () => {
    expect(dates.offsetMs(utc('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3600_000);
    expect(dates.offsetMs(utc('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3600_000);
  });

  it('knows real zones from made-up ones', () => {
    expect(dates.isTimeZone('Europe/Paris')).toBe(true);
    expect(dates.isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('zonedParts against Intl', () => {
  // The offset is cached per quarter hour; this checks the cache never answers differently from
  // Intl itself, across DST changes, half- and quarter-hour zones and pre-1970 local mean times.
  const zones = [
    'UTC',
    'Europe/Zurich',
    'America/New_York',
    'America/St_Johns',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Africa/Monrovia',
    'Pacific/Apia',
  ];
  const intlFormats = new Map<string, Intl.DateTimeFormat>();
  const intlFormat = (zone: string): Intl.DateTimeFormat =>
    intlFormats.get(zone) ??
    intlFormats
      .set(
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      )
      .get(zone)!;
  const intl = (instant: number, zone: string): string => intlFormat(zone).format(instant);
  const ours = (instant: number, zone: string): string => {
    const p = dates.zonedParts(instant, zone);
    const [y, m, d] = p.date.split('-');
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${m}/${d}/${y}, ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  };

  it('agrees at random instants from 1900 to 2100, and every 10 s around transitions', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    const instants: number[] = [];
    for (let i = 0; i < 400; i++) instants.push(Math.floor(from + random() * (to - from)));
    // Both 2026 transitions in Europe and New York, and Liberia's 1972 change from −0:44:30 to
    // UTC (at 00:44:30 UTC, off the quarter hour), every 10 s for an hour around each.
    for (const around of [
      Date.UTC(1972, 0, 7, 0, 44),
      Date.UTC(2026, 2, 29, 1),
      Date.UTC(2026, 9, 25, 1),
      Date.UTC(2026, 2, 8, 7),
      Date.UTC(2026, 10, 1, 6),
    ]) {
      for (let s = -180; s <= 180; s++) instants.push(around + s * 10_000 + 1_234);
    }
    for (const zone of zones) {
      for (const t of instants) expect(ours(t, zone), `${zone} at ${t}`).toBe(intl(t, zone));
    }
  });
});
