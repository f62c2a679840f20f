import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixtureText } from '../../../../../tests/fixtures.ts';
import * as dates from '../../dates.ts';
import { preview, type ImportContext } from './index.ts';

const ctx = (zone: string, extra: Partial<ImportContext> = {}): ImportContext => ({
  zone,
  currency: 'USD',
  clients: [],
  projects: [],
  tasks: [],
  entries: [],
  ...extra,
});

function read(text: string, zone = 'UTC', extra: Partial<ImportContext> = {}) {
  const r = preview(text, ctx(zone, extra));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const H = 3_600_000;

describeWithFixtures('Harvest detailed time report (solidtime test file)', () => {
  const zone = 'Europe/Berlin';
  const p = read(fixtureText('time/csv/harvest_detailed_solidtime.csv'), zone);
  const [first, second] = p.rows.map((r) => r.entry);

  it('reads both rows as Harvest', () => {
    expect(p.format).toBe('harvest');
    expect(p.errors).toEqual([]);
    expect(p.rows).toHaveLength(2);
  });

  it('reads decimal-comma hours exactly: "20,0" and "0,01"', () => {
    expect(first && (first.end - first.start) / 1000).toBe(72_000);
    expect(second && (second.end - second.start) / 1000).toBe(36);
  });

  it('keeps the day’s 20.01 hours on 2024-03-04, laid end to end', () => {
    // 09:00 would push past midnight, so the day starts at 24 h − 20.01 h = 03:59:24
    expect(first?.start).toBe(dates.instantAt('2024-03-04', 3 * H + 59 * 60_000 + 24_000, zone));
    expect(second?.start).toBe(first?.end);
    expect(second && dates.localDate(second.end - 1, zone)).toBe('2024-03-04');
  });

  it('keeps the rate, in the currency of the row ("Euro - EUR")', () => {
    expect(first).toMatchObject({ rate: 10000, currency: 'EUR', billable: false });
    expect(second).toMatchObject({
      rate: 10000,
      currency: 'EUR',
      billable: true,
      client: 'Big Company',
      project: 'Project for Big Company',
      task: 'Task 1',
      description: 'Working hard',
    });
  });
});

describe('Harvest, synthetic', () => {
  const header =
    'Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL\n';
  const row = (
    date: string,
    hours: string,
    notes = 'Work',
    rate = '95.50',
    currency = 'US Dollar - USD',
  ) =>
    `${date},Acme,Site,,Dev,${notes},${hours},Yes,No,No,Ann,Lee,,Yes,${rate},,0,0,${currency},\n`;

  it('starts a day at 09:00 and lays its entries end to end, in file order', () => {
    const p = read(
      header +
        row('2026-06-01', '1.5', 'a') +
        row('2026-06-02', '2') +
        row('2026-06-01', '0.25', 'b'),
      'Europe/Paris',
    );
    const at = (date: string, h: number) => dates.instantAt(date, h * H, 'Europe/Paris');
    expect(p.rows.map((r) => [r.entry?.start, r.entry?.end])).toEqual([
      [at('2026-06-01', 9), at('2026-06-01', 10.5)],
      [at('2026-06-02', 9), at('2026-06-02', 11)],
      [at('2026-06-01', 10.5), at('2026-06-01', 10.75)],
    ]);
    expect(p.rows[0]?.entry).toMatchObject({ rate: 9550, currency: 'USD' });
  });

  it('gives a New York fall-back day its 25 hours', () => {
    const p = read(header + row('2026-11-01', '25'), 'America/New_York');
    const e = p.rows[0]?.entry;
    expect(e?.start).toBe(dates.startOfDay('2026-11-01', 'America/New_York'));
    expect(e?.end).toBe(dates.startOfDay('2026-11-02', 'America/New_York'));
  });

  it('starts at another hour when asked', () => {
    const p = read(header + row('2026-06-01', '1'), 'UTC', { dayStartHour: 8 });
    expect(p.rows[0]?.entry?.start).toBe(Date.UTC(2026, 5, 1, 8));
  });

  it('reads US dates when a file has them', () => {
    const p = read(header + row('06/30/2026', '1'));
    expect(p.rows[0]?.entry && dates.localDate(p.rows[0].entry.start, 'UTC')).toBe('2026-06-30');
  });

  it('reports bad cells with their row', () => {
    const p = read(
      header +
        row('2026-06-01', 'two') +
        row('2026-06-31', '1') +
        row('2026-06-01', '1', 'x', '10', 'Pesos'),
    );
    expect(p.errors).toEqual([
      { row: 2, message: 'Hours: "two" is not a number of hours' },
      { row: 3, message: 'Date: "2026-06-31" is not a date' },
      { row: 4, message: 'Currency: "Pesos" names no ISO currency' },
    ]);
  });
});
