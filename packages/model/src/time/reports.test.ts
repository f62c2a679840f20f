import { describe, expect, it } from 'vitest';
import * as dates from '../dates.ts';
import { catalog } from './catalog.ts';
import { EXACT } from './rounding.ts';
import { measure, report, type GroupBy, type ReportOptions } from './reports.ts';
import { client, entry, H, M, project, task } from './testing.ts';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const at = (date: string, hours: number, zone = BERLIN): number =>
  dates.instantAt(date, Math.round(hours * H), zone);

const acme = client({ name: 'Acme', rate: 9000, currency: 'EUR' });
const beta = client({ name: 'Beta' });
const website = project({ name: 'Website', clientId: acme.id, rate: 12000 });
const support = project({ name: 'Support', clientId: acme.id });
const internal = project({ name: 'Internal', billable: false });
const mobile = project({ name: 'Mobile', clientId: beta.id, currency: 'USD', rate: 10000 });
const design = task({ name: 'Design', projectId: website.id });
const cat = catalog({
  clients: [acme, beta],
  projects: [website, support, internal, mobile],
  tasks: [design],
});

// The week of Monday 2026-11-16 in Berlin; "now" is Sunday 11:10 with a timer running.
const now = at('2026-11-22', 11 + 10 / 60);
const e1 = entry({
  projectId: website.id,
  taskId: design.id,
  start: at('2026-11-16', 9),
  end: at('2026-11-16', 9) + 67 * M,
  tags: ['dev', 'ux'],
});
const e2 = entry({
  projectId: support.id,
  start: at('2026-11-17', 23.5),
  end: at('2026-11-18', 1),
});
const e3 = entry({
  projectId: internal.id,
  start: at('2026-11-18', 14),
  end: at('2026-11-18', 14) + 20 * M,
  billable: false,
  tags: ['admin'],
});
const e4 = entry({
  projectId: mobile.id,
  start: at('2026-11-19', 10),
  end: at('2026-11-19', 11),
  rate: 7000,
  currency: 'USD',
});
const e5 = entry({ start: at('2026-11-20', 8), end: at('2026-11-20', 8) + 50 * M });
const e6 = entry({ projectId: website.id, start: at('2026-11-22', 10), end: undefined });
const entries = [e1, e2, e3, e4, e5, e6];

const options: ReportOptions = {
  catalog: cat,
  settings: { currency: 'USD', defaultRate: 5000 },
  rounding: { minutes: 15, method: 'nearest' },
  zone: BERLIN,
  now,
  weekStart: 1,
};

const byKey = (groupBy: GroupBy, opts: Partial<ReportOptions> = {}) =>
  Object.fromEntries(
    report(entries, groupBy, { ...options, ...opts }).groups.map((g) => [
      g.key,
      {
        rounded: g.roundedSeconds / 60,
        amounts: Object.fromEntries(g.amounts.map((a) => [a.currency, a.minor])),
      },
    ]),
  );

describe('measure', () => {
  it.each([
    ['the entry’s own rate', e4, 60, { minor: 7000, currency: 'USD' }, 'entry'],
    ['the project’s rate', e1, 60, { minor: 12000, currency: 'EUR' }, 'project'],
    ['the client’s default', e2, 90, { minor: 13500, currency: 'EUR' }, 'client'],
    ['the user’s default', e5, 45, { minor: 3750, currency: 'USD' }, 'settings'],
    ['nothing for a non-billable entry', e3, 15, undefined, 'settings'],
    ['a running entry until now', e6, 75, { minor: 15000, currency: 'EUR' }, 'project'],
  ])('bills %s', (_what, e, minutes, amount, from) => {
    const m = measure(e, options);
    expect(m.roundedSeconds / 60).toBe(minutes);
    expect(m.amount).toEqual(amount);
    expect(m.rate?.from).toBe(from);
  });

  it('keeps the raw time beside the rounded one', () => {
    expect(measure(e1, options).seconds).toBe(67 * 60);
  });
});

describe('report', () => {
  it('groups by project, the entry without one last', () => {
    const groups = report(entries, 'project', options).groups;
    expect(groups.map((g) => g.label)).toEqual([
      'Internal',
      'Mobile',
      'Support',
      'Website',
      'No project',
    ]);
    expect(byKey('project')[website.id]).toEqual({ rounded: 60 + 75, amounts: { EUR: 27000 } });
  });

  it('groups by client, never adding currencies', () => {
    expect(byKey('client')).toEqual({
      [acme.id]: { rounded: 60 + 90 + 75, amounts: { EUR: 12000 + 13500 + 15000 } },
      [beta.id]: { rounded: 60, amounts: { USD: 7000 } },
      '': { rounded: 15 + 45, amounts: { USD: 3750 } },
    });
  });

  it('groups by task with the project in the label', () => {
    const groups = report(entries, 'task', options).groups;
    expect(groups.map((g) => [g.label, g.roundedSeconds / 60])).toEqual([
      ['Website › Design', 60],
      ['No task', 90 + 15 + 60 + 45 + 75],
    ]);
  });

  it('groups by tag: an entry with two tags is in both, but once in the total', () => {
    const r = report(entries, 'tag', options);
    expect(r.groups.map((g) => [g.key, g.roundedSeconds / 60])).toEqual([
      ['admin', 15],
      ['dev', 60],
      ['ux', 60],
      ['', 90 + 60 + 45 + 75],
    ]);
    expect(r.total.roundedSeconds / 60).toBe(60 + 90 + 15 + 60 + 45 + 75);
    expect(r.total.entries).toBe(6);
  });

  it('splits an entry across midnight over its days, time and money alike', () => {
    expect(byKey('day')).toEqual({
      '2026-11-16': { rounded: 60, amounts: { EUR: 12000 } },
      '2026-11-17': { rounded: 30, amounts: { EUR: 4500 } },
      '2026-11-18': { rounded: 60 + 15, amounts: { EUR: 9000 } },
      '2026-11-19': { rounded: 60, amounts: { USD: 7000 } },
      '2026-11-20': { rounded: 45, amounts: { USD: 3750 } },
      '2026-11-22': { rounded: 75, amounts: { EUR: 15000 } },
    });
  });

  it.each([
    [1, { '2026-11-16': 345 }],
    [0, { '2026-11-15': 270, '2026-11-22': 75 }],
  ])('groups by week starting on day %i', (weekStart, expected) => {
    const weeks = byKey('week', { weekStart });
    expect(Object.fromEntries(Object.entries(weeks).map(([k, v]) => [k, v.rounded]))).toEqual(
      expected,
    );
  });

  it('groups by month', () => {
    expect(Object.keys(byKey('month'))).toEqual(['2026-11']);
  });

  it('agrees with itself: every grouping adds up to the same totals', () => {
    const totals = (['client', 'project', 'task', 'day', 'week', 'month'] as const).map(
      (groupBy) => {
        const r = report(entries, groupBy, options);
        const sum = (pick: (g: (typeof r.groups)[number]) => number) =>
          r.groups.reduce((s, g) => s + pick(g), 0);
        const money = (currency: string) =>
          sum((g) => g.amounts.find((a) => a.currency === currency)?.minor ?? 0);
        return {
          seconds: sum((g) => g.seconds),
          rounded: sum((g) => g.roundedSeconds),
          billable: sum((g) => g.billableSeconds),
          eur: money('EUR'),
          usd: money('USD'),
          total: r.total,
        };
      },
    );
    for (const t of totals) {
      expect(t.seconds).toBe(t.total.seconds);
      expect(t.rounded).toBe(t.total.roundedSeconds);
      expect(t.billable).toBe(t.total.billableSeconds);
      expect(t.total.amounts).toEqual([
        { currency: 'EUR', minor: t.eur },
        { currency: 'USD', minor: t.usd },
      ]);
    }
    expect(totals[0]?.total.amounts).toEqual([
      { currency: 'EUR', minor: 40500 },
      { currency: 'USD', minor: 10750 },
    ]);
  });

  it('separates billable from non-billable time', () => {
    const { total } = report(entries, 'project', options);
    expect(total.billableSeconds / 60).toBe(60 + 90 + 60 + 45 + 75);
    expect(total.nonBillableSeconds / 60).toBe(15);
  });

  it('counts only the days inside the period', () => {
    const r = report(entries, 'project', { ...options, from: '2026-11-18', to: '2026-11-19' });
    expect(r.groups.map((g) => [g.label, g.roundedSeconds / 60, g.amounts])).toEqual([
      ['Internal', 15, []],
      ['Mobile', 60, [{ currency: 'USD', minor: 7000 }]],
      ['Support', 60, [{ currency: 'EUR', minor: 9000 }]],
    ]);
  });

  it('filters by client, project, tag and billability', () => {
    const count = (filter: ReportOptions['filter']) =>
      report(entries, 'project', { ...options, filter }).total.entries;
    expect(count({ clientIds: [acme.id] })).toBe(3);
    expect(count({ clientIds: [''] })).toBe(2);
    expect(count({ projectIds: [mobile.id, support.id] })).toBe(2);
    expect(count({ tags: ['ux', 'admin'] })).toBe(2);
    expect(count({ billable: false })).toBe(1);
    expect(count({ taskIds: [design.id] })).toBe(1);
  });

  it('filters what is on an invoice and what is still to bill', () => {
    const billed = { ...e2, invoiceId: acme.id };
    const list = entries.map((e) => (e.id === e2.id ? billed : e));
    const days = (filter: ReportOptions['filter']) =>
      report(list, 'day', { ...options, filter }).groups.length;
    expect(report(list, 'project', { ...options, filter: { invoiced: true } }).total.entries).toBe(
      1,
    );
    expect(
      report(list, 'project', { ...options, filter: { invoiced: false, billable: true } }).total
        .entries,
    ).toBe(4);
    expect(days({ invoiced: true })).toBe(2); // e2 crosses midnight
  });

  it('counts billable entries that have no rate anywhere', () => {
    const r = report(entries, 'project', { ...options, settings: { currency: 'USD' } });
    expect(r.total.unratedEntries).toBe(1);
    expect(r.groups.find((g) => g.key === '')?.amounts).toEqual([]);
  });

  it('keeps exact time when rounding is off', () => {
    const r = report([e1], 'project', { ...options, rounding: EXACT });
    expect(r.total.roundedSeconds).toBe(67 * 60);
    expect(r.total.amounts).toEqual([{ currency: 'EUR', minor: 13400 }]);
  });
});

describe('reports across DST', () => {
  const ny = project({ name: 'NY', rate: 10000, currency: 'USD' });
  const opts: ReportOptions = {
    ...options,
    catalog: catalog({ projects: [ny] }),
    zone: NY,
    rounding: EXACT,
  };
  const day = (e: ReturnType<typeof entry>) =>
    report([e], 'day', opts).groups.map((g) => [g.key, g.seconds / 3600, g.amounts[0]?.minor]);

  it('spring forward: 23:00 to 04:00 is four hours, one before midnight', () => {
    const e = entry({
      projectId: ny.id,
      start: at('2026-03-07', 23, NY),
      end: at('2026-03-08', 4, NY),
    });
    expect(day(e)).toEqual([
      ['2026-03-07', 1, 10000],
      ['2026-03-08', 3, 30000],
    ]);
  });

  it('fall back: 00:30 to 03:30 is four hours on one day', () => {
    const e = entry({
      projectId: ny.id,
      start: at('2026-11-01', 0.5, NY),
      end: at('2026-11-01', 3.5, NY),
    });
    expect(day(e)).toEqual([['2026-11-01', 4, 40000]]);
  });

  it('a Berlin week with the fall-back Sunday has its 25-hour day', () => {
    const e = entry({
      projectId: ny.id,
      start: dates.startOfDay('2026-10-25', BERLIN),
      end: dates.startOfDay('2026-10-26', BERLIN),
    });
    const r = report([e], 'week', { ...opts, zone: BERLIN, weekStart: 1 });
    expect(r.groups.map((g) => [g.key, g.seconds / 3600])).toEqual([['2026-10-19', 25]]);
  });
});
