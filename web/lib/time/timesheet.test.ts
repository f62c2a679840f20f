import { describe, expect, it } from 'vitest';
import { ids, time } from '@tally/model';
import { testIds } from '@tally/model/testing';
import * as tt from '@tally/model/time/testing';
import type { Write } from '../store/store.ts';
import { endAfterWorked, planCellEdit, timesheet, type CellContext } from './timesheet.ts';
import type { TimeEntry } from './types.ts';

const { H, M } = tt;
const zone = 'Europe/Berlin';
/** Monday 2 November 2026, 00:00 in Berlin. */
const MON = Date.UTC(2026, 10, 1, 23);
const week = time.durations.weekDates('2026-11-04', 1);
const P = '01JD0000000000000000000P01';
const Q = '01JD0000000000000000000Q01';

function ctx(now = MON + 10 * 24 * H): CellContext {
  return { zone, now, ids: testIds(7), fields: { billable: true, rate: 8000, currency: 'EUR' } };
}

/** Applies writes to a list of entries, as the store would. */
function applied(entries: readonly TimeEntry[], writes: readonly Write[]): TimeEntry[] {
  let out = [...entries];
  for (const w of writes) {
    if (w.op === 'remove') out = out.filter((e) => e.id !== w.id);
    else if (w.op === 'update') out = out.map((e) => (e.id === w.id ? { ...e, ...w.data } : e));
    else out.push(tt.entry({ ...(w.data as Partial<TimeEntry>), id: w.id }));
  }
  return out;
}

function cell(entries: readonly TimeEntry[], projectId: string, date: string): number {
  const sheet = timesheet(entries, week, zone, MON + 10 * 24 * H);
  return sheet.rows.find((r) => r.projectId === projectId)?.cells[week.indexOf(date)] ?? 0;
}

describe('timesheet', () => {
  it('sums each project per local day, with row, column and grand totals', () => {
    const entries = [
      tt.entry({ projectId: P, start: MON + 9 * H, end: MON + 11 * H }),
      tt.entry({ projectId: P, start: MON + 24 * H + 9 * H, end: MON + 24 * H + 10 * H }),
      tt.entry({ projectId: Q, start: MON + 13 * H, end: MON + 13 * H + 30 * M }),
      tt.entry({ start: MON + 15 * H, end: MON + 15 * H + 15 * M }),
      // last Sunday: outside the week
      tt.entry({ projectId: P, start: MON - 5 * H, end: MON - 4 * H }),
    ];
    const sheet = timesheet(entries, week, zone, 0, { compareRows: (a, b) => a.localeCompare(b) });
    expect(sheet.rows.map((r) => [r.projectId, r.cells.slice(0, 2), r.total])).toEqual([
      ['', [900, 0], 900],
      [P, [7200, 3600], 10800],
      [Q, [1800, 0], 1800],
    ]);
    expect(sheet.dayTotals).toEqual([9900, 3600, 0, 0, 0, 0, 0]);
    expect(sheet.total).toBe(13500);
  });

  it('splits an overnight entry over its days, and keeps rows asked for', () => {
    const sunday = tt.entry({
      projectId: P,
      start: MON + 6 * 24 * H + 22 * H,
      end: MON + 7 * 24 * H + H,
    });
    const sheet = timesheet([sunday], week, zone, 0, { keepRows: [Q] });
    expect(sheet.rows.find((r) => r.projectId === P)?.cells[6]).toBe(7200);
    expect(sheet.rows.find((r) => r.projectId === Q)?.total).toBe(0);
  });

  it('counts a running entry until now', () => {
    const running = tt.entry({ projectId: P, start: MON + 9 * H, end: undefined });
    expect(timesheet([running], week, zone, MON + 9 * H + 20 * M).rows[0]?.cells[0]).toBe(1200);
  });
});

describe('planCellEdit', () => {
  const date = '2026-11-02';

  it('adds a manual entry for the difference after the day’s last entry', () => {
    const entries = [
      tt.entry({ projectId: P, start: MON + 9 * H, end: MON + 10 * H }),
      tt.entry({ projectId: Q, start: MON + 10 * H, end: MON + 12 * H }),
    ];
    const plan = planCellEdit(entries, { projectId: P, date, seconds: 9000 }, ctx());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.shortBy).toBe(0);
    expect(plan.value.writes).toHaveLength(1);
    const [w] = plan.value.writes;
    expect(w).toMatchObject({
      op: 'create',
      collection: 'timeEntries',
      data: {
        start: MON + 12 * H,
        end: MON + 12 * H + 5400_000,
        projectId: P,
        source: 'manual',
        rate: 8000,
        currency: 'EUR',
      },
    });
    // The id carries the start, so the entry lands in its year's document.
    expect(ids.timeOf(w?.id ?? '')).toBe(MON + 12 * H);
    expect(cell(applied(entries, plan.value.writes), P, date)).toBe(9000);
  });

  it('starts at 09:00 on an empty day, and moves earlier rather than past midnight', () => {
    const plan = planCellEdit([], { projectId: undefined, date, seconds: 3600 }, ctx());
    expect(plan.ok && plan.value.writes[0]?.data?.start).toBe(MON + 9 * H);
    expect(plan.ok && plan.value.writes[0]?.data?.projectId).toBeUndefined();
    const late = [tt.entry({ projectId: Q, start: MON + 20 * H, end: MON + 23 * H })];
    const long = planCellEdit(late, { projectId: P, date, seconds: 3 * 3600 }, ctx());
    expect(long.ok && long.value.writes[0]?.data).toMatchObject({
      start: MON + 21 * H,
      end: MON + 24 * H,
    });
  });

  it('refuses more hours than the day has (25 on the day clocks go back)', () => {
    expect(planCellEdit([], { projectId: P, date, seconds: 25 * 3600 }, ctx()).ok).toBe(false);
    const dst = planCellEdit([], { projectId: P, date: '2026-10-25', seconds: 25 * 3600 }, ctx());
    expect(dst.ok).toBe(true);
  });

  it('writes nothing when the total is unchanged', () => {
    const entries = [tt.entry({ projectId: P, start: MON + 9 * H, end: MON + 10 * H })];
    expect(planCellEdit(entries, { projectId: P, date, seconds: 3600 }, ctx())).toEqual({
      ok: true,
      value: { writes: [], shortBy: 0 },
    });
  });

  it('shortens the latest entry first, deleting those that lose all their time', () => {
    const first = tt.entry({
      projectId: P,
      start: MON + 9 * H,
      end: MON + 10 * H,
      source: 'timer',
    });
    const second = tt.entry({ projectId: P, start: MON + 11 * H, end: MON + 11 * H + 30 * M });
    const plan = planCellEdit([first, second], { projectId: P, date, seconds: 2700 }, ctx());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.writes).toEqual([
      { op: 'remove', collection: 'timeEntries', id: second.id },
      {
        op: 'update',
        collection: 'timeEntries',
        id: first.id,
        data: { source: 'manual', supersededBy: undefined, end: MON + 9 * H + 45 * M, pauses: [] },
      },
    ]);
    expect(cell(applied([first, second], plan.value.writes), P, date)).toBe(2700);
  });

  it('skips pauses when shortening, and clips them to the new end', () => {
    const e = tt.entry({
      projectId: P,
      start: MON + 9 * H,
      end: MON + 12 * H,
      pauses: [{ start: MON + 10 * H, end: MON + 11 * H }],
    });
    // 2 h worked → 1 h: the work left is 09:00–10:00, so the entry ends at the pause.
    const plan = planCellEdit([e], { projectId: P, date, seconds: 3600 }, ctx());
    const data = plan.ok ? plan.value.writes[0]?.data : undefined;
    expect(data?.end).toBe(MON + 10 * H);
    expect(data?.pauses).toEqual([]);
  });

  it('leaves running, invoiced and overnight entries alone and says how much is left', () => {
    const running = tt.entry({ projectId: P, start: MON + 9 * H, end: undefined });
    const invoiced = tt.entry({
      projectId: P,
      start: MON + 6 * H,
      end: MON + 7 * H,
      invoiceId: '01JD0000000000000000000V01',
    });
    const overnight = tt.entry({ projectId: P, start: MON - H, end: MON + H });
    const now = MON + 10 * H;
    const plan = planCellEdit(
      [running, invoiced, overnight],
      { projectId: P, date, seconds: 0 },
      ctx(now),
    );
    expect(plan).toEqual({ ok: true, value: { writes: [], shortBy: 3 * 3600 } });
  });
});

describe('endAfterWorked', () => {
  it('finds where an entry has counted the given work', () => {
    const e = tt.entry({
      start: 0,
      end: 4 * H,
      pauses: [{ start: H, end: 2 * H }],
    });
    expect(endAfterWorked(e, 30 * M)).toBe(30 * M);
    expect(endAfterWorked(e, H)).toBe(H);
    expect(endAfterWorked(e, 90 * M)).toBe(2 * H + 30 * M);
    expect(endAfterWorked(e, 10 * H)).toBe(4 * H);
  });
});
