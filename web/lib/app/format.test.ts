import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat,
  formatDate,
  formatDuration,
  formatMoney,
  formatTime,
  type Formatting,
} from './format.ts';

const us: Formatting = { locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' };
const swiss: Formatting = { locale: 'de-CH', timeZone: 'Europe/Zurich', currency: 'CHF' };
const noon = Date.UTC(2026, 10, 22, 12, 0);

describe('formatters', () => {
  it('format in the locale, zone and currency given, whichever was asked for first', () => {
    expect(formatTime(us, noon)).toMatch(/^7:00\sAM$/);
    expect(formatTime(swiss, noon)).toBe('13:00');
    expect(formatTime(us, noon)).toMatch(/^7:00\sAM$/);
    expect(formatDate(us, '2026-02-28')).toBe('Feb 28, 2026');
    expect(formatDate(swiss, '2026-02-28')).toBe('28.02.2026');
    expect(formatDate(swiss, '2026-02-28', 'long')).toBe('28. Februar 2026');
    expect(formatMoney(us, 123456)).toBe('$1,234.56');
    expect(formatMoney(swiss, 123456)).toMatch(/^CHF\s1['’]234\.56$/);
    expect(formatMoney(us, 500, 'JPY')).toBe('¥500');
    expect(formatDuration(us, 5400)).toBe('1h 30m');
  });

  it('build one formatter per locale and options, and reuse it', () => {
    const a = dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' });
    expect(dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Tokyo' })).not.toBe(a);
    expect(dateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'UTC' })).not.toBe(a);
  });
});
