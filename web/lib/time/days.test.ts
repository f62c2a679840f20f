import { describe, expect, it } from 'vitest';
import * as tt from '@tally/model/time/testing';
import { dayAndWeek, groupByDay, windowStart } from './days.ts';

const { H, M } = tt;
const zone = 'Europe/Berlin';
/** 2 November 2026, 09:00 in Berlin. */
const MON_9 = Date.UTC(2026, 10, 2, 8);

describe('groupByDay', () => {
  it('groups finished entries by local start day, newest day and entry first, with totals', () => {
    const a = tt.entry({ start: MON_9, end: MON_9 + H });
    const b = tt.entry({ start: MON_9 + 2 * H, end: MON_9 + 2 * H + 30 * M });
    const c = tt.entry({ start: MON_9 + 24 * H, end: MON_9 + 24 * H + 15 * M });
    const running = tt.entry({ start: MON_9 + 25 * H, end: undefined });
    const groups = groupByDay([a, c, b, running], zone);
    expect(groups.map((g) => g.date)).toEqual(['2026-11-03', '2026-11-02']);
    expect(groups[1]?.entries.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(groups.map((g) => g.seconds)).toEqual([15 * 60, 90 * 60]);
  });

  it('counts an entry across midnight on both days, listed under its start day', () => {
    // 23:00 Monday → 01:30 Tuesday, Berlin
    const night = tt.entry({ start: MON_9 + 14 * H, end: MON_9 + 16 * H + 30 * M });
    const tuesday = tt.entry({ start: MON_9 + 24 * H, end: MON_9 + 25 * H });
    const groups = groupByDay([night, tuesday], zone);
    expect(groups.map((g) => [g.date, g.seconds, g.entries.length])).toEqual([
      ['2026-11-03', 90 * 60 + 3600, 1],
      ['2026-11-02', 3600, 1],
    ]);
  });

  it('leaves out paused time', () => {
    const e = tt.entry({
      start: MON_9,
      end: MON_9 + 2 * H,
      pauses: [{ start: MON_9 + 30 * M, end: MON_9 + 60 * M }],
    });
    expect(groupByDay([e], zone)[0]?.seconds).toBe(90 * 60);
  });
});

describe('windowStart', () => {
  it('is local midnight of the first of the days', () => {
    expect(windowStart('2026-11-14', 14, zone)).toBe(Date.UTC(2026, 9, 31, 23));
    expect(windowStart('2026-11-14', 1, zone)).toBe(Date.UTC(2026, 10, 13, 23));
  });
});

describe('dayAndWeek', () => {
  it('adds the running timer until now, in the week that starts on the chosen day', () => {
    const sunday = tt.entry({ start: MON_9 - 24 * H, end: MON_9 - 23 * H });
    const monday = tt.entry({ start: MON_9, end: MON_9 + H });
    const running = tt.entry({ start: MON_9 + 24 * H, end: undefined });
    const now = MON_9 + 24 * H + 20 * M;
    const mondayWeeks = dayAndWeek([sunday, monday, running], '2026-11-03', 1, zone, now);
    expect(mondayWeeks).toEqual({ day: 20 * 60, week: 80 * 60 });
    const sundayWeeks = dayAndWeek([sunday, monday, running], '2026-11-03', 0, zone, now);
    expect(sundayWeeks).toEqual({ day: 20 * 60, week: 140 * 60 });
  });
});
