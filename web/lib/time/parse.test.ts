import { describe, expect, it } from 'vitest';
import { dates } from '@tally/model';
import {
  amountInput,
  atClock,
  clockInput,
  durationInput,
  parseAmount,
  parseClock,
  parseDuration,
  parsePercent,
  parseSpan,
  parseTags,
  percentInput,
} from './parse.ts';

describe('parseDuration', () => {
  it.each([
    ['1:30', 5400],
    ['0:05', 300],
    ['1:30:15', 5415],
    ['12:00', 43200],
    ['1.5', 5400],
    ['1,5', 5400],
    ['2', 7200],
    ['90m', 5400],
    ['45 min', 2700],
    ['2h 15m', 8100],
    ['1.5 h', 5400],
    ['3 hours', 10800],
    ['', 0],
    ['  0:45 ', 2700],
  ])('%s → %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
  });

  it.each(['1:75', 'abc', '1:3:', '-1', '1:30:99', '99999'])(
    'rejects %s with a sentence',
    (text) => {
      const r = parseDuration(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(text.trim());
    },
  );
});

describe('durationInput', () => {
  it.each([
    [0, '0:00'],
    [5400, '1:30'],
    [5404, '1:30:04'],
    [36000, '10:00'],
    [-5, '0:00'],
  ])('%i → %s', (seconds, text) => {
    expect(durationInput(seconds)).toBe(text);
  });

  it('reads back to the same seconds', () => {
    for (const s of [0, 59, 60, 3599, 5404, 86399]) {
      expect(parseDuration(durationInput(s))).toEqual({ ok: true, value: s });
    }
  });
});

describe('parseClock', () => {
  it.each([
    ['09:05', (9 * 60 + 5) * 60_000],
    ['9:05', (9 * 60 + 5) * 60_000],
    ['14:30:15', ((14 * 60 + 30) * 60 + 15) * 1000],
    ['2:30 pm', (14 * 60 + 30) * 60_000],
    ['12:00 am', 0],
    ['12:15 PM', (12 * 60 + 15) * 60_000],
    ['1430', (14 * 60 + 30) * 60_000],
    ['7', 7 * 3_600_000],
  ])('%s', (text, ms) => {
    expect(parseClock(text)).toEqual({ ok: true, value: ms });
  });

  it.each(['24:00', '13:00 pm', '9:60', 'noon', ''])('rejects %s', (text) => {
    expect(parseClock(text).ok).toBe(false);
  });
});

describe('parseSpan', () => {
  const zone = 'Europe/Berlin';

  it('reads a day and two times in the zone', () => {
    const r = parseSpan('2026-11-02', '09:00', '10:30', zone);
    expect(r).toEqual({
      ok: true,
      value: { start: Date.UTC(2026, 10, 2, 8), end: Date.UTC(2026, 10, 2, 9, 30) },
    });
  });

  it('puts an end at or before the start on the next day', () => {
    const r = parseSpan('2026-11-02', '22:00', '02:00', zone);
    expect(r.ok && (r.value.end - r.value.start) / 3_600_000).toBe(4);
  });

  it('counts the real hours across a DST change', () => {
    // Clocks go back at 03:00 on 25 October 2026 in Berlin: 00:00–06:00 lasts 7 hours.
    const r = parseSpan('2026-10-25', '00:00', '06:00', zone);
    expect(r.ok && (r.value.end - r.value.start) / 3_600_000).toBe(7);
  });

  it('names a bad date or time', () => {
    expect(parseSpan('2026-13-01', '09:00', '10:00', zone)).toMatchObject({ ok: false });
    expect(parseSpan('2026-11-02', '9h', '10:00', zone)).toMatchObject({ ok: false });
  });
});

describe('clock inputs', () => {
  it('shows an instant as HH:MM in the zone and reads it back on the same day', () => {
    const zone = 'America/New_York';
    const at = Date.UTC(2026, 10, 2, 14, 5);
    expect(clockInput(at, zone)).toBe('09:05');
    const moved = atClock(at, '17:45', zone);
    expect(moved.ok && dates.localDate(moved.value, zone)).toBe('2026-11-02');
    expect(moved.ok && clockInput(moved.value, zone)).toBe('17:45');
  });
});

describe('amounts and percentages', () => {
  it.each([
    ['80', 'EUR', 8000],
    ['80.5', 'EUR', 8050],
    ['1.234,50', 'EUR', 123450],
    ['1200', 'JPY', 1200],
    ['', 'EUR', undefined],
  ])('%s %s → %s', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: minor });
  });

  it('rejects negative and over-precise amounts', () => {
    expect(parseAmount('-5', 'EUR').ok).toBe(false);
    expect(parseAmount('1.234', 'EUR').ok).toBe(false);
    expect(parseAmount('twelve', 'EUR').ok).toBe(false);
  });

  it('shows minor units as a decimal', () => {
    expect(amountInput(8050, 'EUR')).toBe('80.50');
    expect(amountInput(undefined, 'EUR')).toBe('');
  });

  it.each([
    ['19', 1900],
    ['7,7', 770],
    ['19.5 %', 1950],
    ['0.25', 25],
    ['', 0],
  ])('percent %s → %i bp', (text, bp) => {
    expect(parsePercent(text)).toEqual({ ok: true, value: bp });
  });

  it.each(['19.555', 'abc', '-3'])('rejects percent %s', (text) => {
    expect(parsePercent(text).ok).toBe(false);
  });

  it.each([
    [1900, '19'],
    [1950, '19.5'],
    [770, '7.7'],
    [25, '0.25'],
    [0, '0'],
  ])('%i bp → %s', (bp, text) => {
    expect(percentInput(bp)).toBe(text);
  });
});

describe('parseTags', () => {
  it('splits on commas, trims and drops blanks and repeats', () => {
    expect(parseTags(' design, meeting,, design ,  ')).toEqual(['design', 'meeting']);
    expect(parseTags('')).toEqual([]);
  });
});
