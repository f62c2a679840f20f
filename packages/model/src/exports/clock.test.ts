import { describe, expect, it } from 'vitest';
import * as dates from '../dates.ts';
import { isoLocal } from '../time/export.ts';
import { prng } from '../testing.ts';
import { clockFor } from './clock.ts';

describe('clockFor', { timeout: 30_000 }, () => {
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'UTC',
    'America/St_Johns',
  ])('reads instants in %s exactly as dates.zonedParts does, DST days included', (zone) => {
    const random = prng(9);
    const clock = clockFor(zone);
    const instants = [
      ...Array.from(
        { length: 400 },
        () => Date.UTC(2020, 0, 1) + Math.floor(random() * 8 * 365 * 86_400_000),
      ),
      // around the 2026 transitions, minute by minute
      ...Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 2, 8, 5) + i * 60_000),
      ...Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 2, 29, 0) + i * 60_000),
      ...Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 9, 25, 0) + i * 60_000),
      ...Array.from({ length: 300 }, (_, i) => Date.UTC(2026, 3, 4, 14) + i * 60_000),
    ];
    for (const at of instants) {
      const p = dates.zonedParts(at, zone);
      const w = clock.read(at);
      expect([w.date, w.hour, w.minute, w.second], `${zone} ${at}`).toEqual([
        p.date,
        p.hour,
        p.minute,
        p.second,
      ]);
      expect(clock.iso(at)).toBe(isoLocal(at, zone));
    }
  });
});
