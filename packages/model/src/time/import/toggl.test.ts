import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixtureText } from '../../../../../tests/fixtures.ts';
import * as dates from '../../dates.ts';
import { splitByDay } from '../durations.ts';
import { preview, type ImportContext } from './index.ts';

const ctx = (zone: string): ImportContext => ({
  zone,
  currency: 'EUR',
  clients: [],
  projects: [],
  tasks: [],
  entries: [],
});

function read(text: string, zone = 'Europe/Berlin') {
  const r = preview(text, ctx(zone));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const local = (instant: number, zone: string): string => {
  const p = dates.zonedParts(instant, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.date} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
};

describeWithFixtures('Toggl Track detailed export (floresfdev, August 2017)', () => {
  const zone = 'America/Argentina/Buenos_Aires';
  const p = read(fixtureText('time/csv/toggl_detailed_2017-08_floresfdev.csv'), zone);
  const entries = p.rows.flatMap((r) => (r.entry ? [r.entry] : []));

  it('reads all 217 rows as Toggl, without errors', () => {
    expect(p.format).toBe('toggl');
    expect(p.errors).toEqual([]);
    expect(p.rows).toHaveLength(217);
    expect(p.entryCount).toBe(217);
  });

  it('adds up to Toggl’s own total: Σ Duration = 672,994 s', () => {
    const total = entries.reduce((s, e) => s + (e.end - e.start), 0);
    expect(total).toBe(672_994_000);
  });

  it('finds the two entries that cross midnight, at their wall-clock times', () => {
    const crossing = entries.filter(
      (e) => splitByDay({ start: e.start, end: e.end, pauses: [] }, zone, 0).length > 1,
    );
    expect(crossing.map((e) => [local(e.start, zone), local(e.end, zone)])).toEqual([
      ['2017-08-06 22:47:12', '2017-08-07 00:32:08'],
      ['2017-08-22 23:43:43', '2017-08-23 00:14:33'],
    ]);
  });

  it('stays inside August, keeps names, and says nothing is billable', () => {
    const days = entries.map((e) => dates.localDate(e.start, zone)).sort();
    expect(days[0]).toBe('2017-08-01');
    expect(days.at(-1)).toBe('2017-08-31');
    expect(entries.every((e) => e.billable === false && e.tags.length === 0)).toBe(true);
    expect(entries.every((e) => e.task === undefined && e.rate === undefined)).toBe(true);
    expect(p.newProjects.map((x) => x.name).sort()).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((l) => `Project ${l}`),
    );
    expect(p.newClients.length).toBeGreaterThan(0);
    expect(p.newTasks).toEqual([]);
  });

  it('gives every row its own import key', () => {
    expect(new Set(entries.map((e) => e.importKey)).size).toBe(217);
  });

  it('reads the same wall clock in any zone: the total does not depend on it', () => {
    const again = read(fixtureText('time/csv/toggl_detailed_2017-08_floresfdev.csv'), 'Asia/Tokyo');
    const total = again.rows.reduce((s, r) => s + (r.entry ? r.entry.end - r.entry.start : 0), 0);
    expect(total).toBe(672_994_000);
    expect(again.rows[0]?.entry?.importKey).toBe(entries[0]?.importKey);
  });
});

describe('Toggl Track, synthetic', () => {
  const header =
    '\uFEFFUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\n';
  const row = (cells: Partial<Record<string, string>>) =>
    [
      cells.user ?? 'Ann',
      'ann@example.com',
      cells.client ?? 'Acme',
      cells.project ?? 'Site',
      cells.task ?? '',
      cells.description ?? 'Work',
      cells.billable ?? 'Yes',
      cells.startDate ?? '2026-03-02',
      cells.startTime ?? '09:00:00',
      cells.endDate ?? '2026-03-02',
      cells.endTime ?? '10:00:00',
      cells.duration ?? '01:00:00',
      cells.tags ?? '',
      cells.amount ?? '',
    ].join(',') + '\n';

  it('reads a file with a BOM and a currency in the Amount header', () => {
    const p = read(header + row({ tags: '"dev, ux"', amount: '120.00' }), 'UTC');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]?.entry).toMatchObject({
      start: Date.UTC(2026, 2, 2, 9),
      end: Date.UTC(2026, 2, 2, 10),
      description: 'Work',
      client: 'Acme',
      project: 'Site',
      tags: ['dev', 'ux'],
      billable: true,
    });
  });

  it.each([
    ['Duration one second short: Toggl’s truncation wins', '10:00:00', '00:59:59', 3599],
    ['Duration equal to end − start', '10:00:00', '01:00:00', 3600],
    ['Duration far off: the times win', '10:00:00', '00:30:00', 3600],
    ['no end time: start + Duration', '', '00:45:00', 2700],
  ])('%s', (_what, endTime, duration, seconds) => {
    const p = read(header + row({ endTime, duration, endDate: endTime ? undefined : '' }), 'UTC');
    const e = p.rows[0]?.entry;
    expect(e && (e.end - e.start) / 1000).toBe(seconds);
  });

  it('reads wall-clock times across the New York spring-forward gap', () => {
    const p = read(
      header +
        row({
          startDate: '2026-03-08',
          startTime: '01:30:00',
          endDate: '2026-03-08',
          endTime: '03:30:00',
        }),
      'America/New_York',
    );
    const e = p.rows[0]?.entry;
    expect(e && (e.end - e.start) / 1000).toBe(3600);
  });

  it('names the row and the column of each problem', () => {
    const p = read(
      header +
        row({}) +
        row({ startTime: '25:00:00' }) +
        row({ project: '', task: 'Loose task' }) +
        row({ billable: 'Perhaps' }) +
        row({ endTime: '08:00:00', duration: '' }) +
        row({ endTime: '', endDate: '', duration: '' }),
      'UTC',
    );
    expect(p.errors).toEqual([
      { row: 3, message: 'Start time: "25:00:00" is not a time of day' },
      { row: 4, message: 'the task "Loose task" has no project' },
      { row: 5, message: 'Billable: "Perhaps" is not yes or no' },
      { row: 6, message: 'it ends before it starts' },
      { row: 7, message: 'it has neither an end time nor a duration' },
    ]);
  });
});
