import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixtureText } from '../../../../../tests/fixtures.ts';
import * as dates from '../../dates.ts';
import { preview, type ImportContext } from './index.ts';

const ctx = (zone: string, extra: Partial<ImportContext> = {}): ImportContext => ({
  zone,
  currency: 'EUR',
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

describeWithFixtures('Clockify detailed report (solidtime test file)', () => {
  const zone = 'Europe/Vienna';
  const p = read(fixtureText('time/csv/clockify_detailed_solidtime.csv'), zone);
  const [first, second] = p.rows.map((r) => r.entry);

  it('reads both rows as Clockify', () => {
    expect(p.format).toBe('clockify');
    expect(p.errors).toEqual([]);
    expect(p.rows).toHaveLength(2);
  });

  it('reads 03/04/2024 as 4 March, in the user’s zone, with or without seconds', () => {
    expect(first?.start).toBe(
      dates.instantAt('2024-03-04', ((10 * 60 + 23) * 60 + 52) * 1000, zone),
    );
    expect(second?.start).toBe(dates.instantAt('2024-03-04', (10 * 60 + 23) * 60_000, zone));
  });

  it('takes the time from start and end, not from the 0.00 decimal duration', () => {
    expect(first && first.end - first.start).toBe(0);
    expect(second && (second.end - second.start) / 1000).toBe(3601); // 01:00:01
  });

  it('keeps tags, billability, client, project and task', () => {
    expect(first).toMatchObject({
      project: 'Project without Client',
      tags: ['Development', 'Backend'],
      billable: false,
      description: '',
    });
    expect(first?.client).toBeUndefined();
    expect(second).toMatchObject({
      client: 'Big Company',
      project: 'Project for Big Company',
      task: 'Task 1',
      description: 'Working hard',
      billable: true,
      tags: [],
    });
    // a rate of 0.00 is no rate
    expect(second?.rate).toBeUndefined();
    expect(p.newClients).toEqual(['Big Company']);
    expect(p.newTasks).toEqual([{ name: 'Task 1', project: 'Project for Big Company' }]);
  });
});

describe('Clockify, synthetic', () => {
  const header =
    'Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n';
  const row = (c: Partial<Record<string, string>>) =>
    [
      'Site',
      'Acme',
      c.description ?? 'Work',
      '',
      'Ann',
      '',
      'ann@example.com',
      '',
      'Yes',
      c.startDate ?? '03/04/2024',
      c.startTime ?? '10:00 AM',
      c.endDate ?? '03/04/2024',
      c.endTime ?? '11:30 AM',
      c.duration ?? '01:30:00',
      '1.50',
      c.rate ?? '80.00',
      '120.00',
    ].join(',') + '\n';

  it('keeps the historical rate in the header’s currency', () => {
    const e = read(header + row({}), 'UTC', { currency: 'EUR' }).rows[0]?.entry;
    expect(e).toMatchObject({ rate: 8000, currency: 'USD' });
    expect(e && (e.end - e.start) / 60_000).toBe(90);
  });

  it('tells day-first files by a day above 12', () => {
    const p = read(
      header +
        row({ startDate: '03/04/2024', endDate: '03/04/2024' }) +
        row({ startDate: '13/04/2024', endDate: '13/04/2024' }),
    );
    expect(p.rows.map((r) => r.entry && dates.localDate(r.entry.start, 'UTC'))).toEqual([
      '2024-04-03',
      '2024-04-13',
    ]);
  });

  it('lets the user say the order when no date tells', () => {
    const p = read(header + row({}), 'UTC', { dateOrder: 'DMY' });
    expect(p.rows[0]?.entry && dates.localDate(p.rows[0].entry.start, 'UTC')).toBe('2024-04-03');
  });

  it('reads 24-hour times and entries past midnight', () => {
    const p = read(
      header + row({ startTime: '23:15:00', endDate: '03/05/2024', endTime: '00:45:00' }),
    );
    const e = p.rows[0]?.entry;
    expect(e && (e.end - e.start) / 60_000).toBe(90);
  });

  it('falls back on Duration (h) when the end is missing', () => {
    const e = read(header + row({ endTime: '', duration: '02:00:00' })).rows[0]?.entry;
    expect(e && (e.end - e.start) / 3_600_000).toBe(2);
  });

  it('reports bad cells with their row', () => {
    const p = read(header + row({}) + row({ startTime: '10:00 XM' }) + row({ rate: 'lots' }));
    expect(p.errors).toEqual([
      { row: 3, message: 'Start Time: "10:00 XM" is not a time of day' },
      { row: 4, message: 'Billable Rate: not an amount: "lots"' },
    ]);
  });

  it('refuses a file that mixes date orders', () => {
    const r = preview(
      header +
        row({ startDate: '13/01/2024', endDate: '13/01/2024' }) +
        row({ startDate: '01/13/2024', endDate: '01/13/2024' }),
      ctx('UTC'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('mix day/month/year and month/day/year');
  });
});
