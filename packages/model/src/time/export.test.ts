import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import * as dates from '../dates.ts';
import { catalog } from './catalog.ts';
import { decimalHours, entriesCsv, isoLocal, type ExportOptions } from './export.ts';
import { importCsv } from './import/index.ts';
import { client, entry, H, invoice, M, project, task } from './testing.ts';

const NY = 'America/New_York';
const acme = client({ name: 'Acme, Inc.', currency: 'USD', rate: 10000 });
const site = project({ name: 'Site "2"', code: 'S2', clientId: acme.id });
const design = task({ name: 'Design', projectId: site.id });
const inv = invoice({ clientId: acme.id, number: '2026-0007' });

const options: ExportOptions = {
  catalog: catalog({ clients: [acme], projects: [site], tasks: [design] }),
  settings: { currency: 'EUR' },
  rounding: { minutes: 15, method: 'up' },
  zone: NY,
  now: Date.UTC(2026, 2, 9, 12),
  invoices: [inv],
};

const start = dates.instantAt('2026-03-08', 1.5 * H, NY); // before the spring-forward gap
const e1 = entry({
  start,
  end: start + H + 10 * M, // 01:30 EST → 03:40 EDT
  projectId: site.id,
  taskId: design.id,
  description: 'Line one\nline two, with "quotes"',
  tags: ['dev', 'ux'],
  invoiceId: inv.id,
  source: 'timer',
});
const e2 = entry({
  start: dates.instantAt('2026-03-08', 20 * H, NY),
  end: undefined,
  billable: false,
  description: '=SUM(A1:A2)',
});

const rows = (csv: string) => Papa.parse<string[]>(csv).data;

describe('entriesCsv', () => {
  it('writes the default columns, in the user’s zone, with money as decimals', () => {
    expect(rows(entriesCsv([e2, e1], options))).toEqual([
      [
        'Date',
        'Start time',
        'End time',
        'Duration',
        'Hours',
        'Client',
        'Project',
        'Task',
        'Description',
        'Tags',
        'Billable',
        'Rate',
        'Amount',
        'Currency',
      ],
      [
        '2026-03-08',
        '01:30:00',
        '03:40:00',
        '1:10:00',
        '1.17',
        'Acme, Inc.',
        'Site "2"',
        'Design',
        'Line one\nline two, with "quotes"',
        'dev, ux',
        'yes',
        '100.00',
        '125.00', // 1:10 rounded up to 1:15
        'USD',
      ],
      [
        '2026-03-08',
        '20:00:00',
        '',
        '12:00:00',
        '12.00',
        '',
        '',
        '',
        '=SUM(A1:A2)',
        '',
        'no',
        '',
        '',
        '',
      ],
    ]);
  });

  it('writes full timestamps with their offset, and the other columns on request', () => {
    const csv = entriesCsv([e1], {
      ...options,
      columns: [
        'start',
        'end',
        'seconds',
        'roundedHours',
        'projectCode',
        'invoice',
        'source',
        'id',
        'pauses',
      ],
    });
    expect(rows(csv)[1]).toEqual([
      '2026-03-08T01:30:00-05:00',
      '2026-03-08T03:40:00-04:00',
      '4200',
      '1.25',
      'S2',
      '2026-0007',
      'timer',
      e1.id,
      '0:00:00',
    ]);
  });

  it('quotes what needs quoting, so the file reads back the same', () => {
    const csv = entriesCsv([e1], { ...options, columns: ['description', 'client'] });
    expect(csv).toBe('Description,Client\r\n"Line one\nline two, with ""quotes""","Acme, Inc."');
  });

  it('escapes spreadsheet formulas only when asked', () => {
    const csv = entriesCsv([e2], { ...options, columns: ['description'], escapeFormulae: true });
    expect(rows(csv)[1]).toEqual(["'=SUM(A1:A2)"]);
  });

  it('shows paused time', () => {
    const paused = entry({
      start,
      end: start + 2 * H,
      pauses: [{ start: start + H, end: start + H + 25 * M }],
    });
    expect(rows(entriesCsv([paused], { ...options, columns: ['duration', 'pauses'] }))[1]).toEqual([
      '1:35:00',
      '0:25:00',
    ]);
  });

  it('exports what the Toggl importer reads back to the same times', () => {
    // Toggl's own layout, built from our columns, round-trips through the importer.
    const header =
      'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()';
    const csv = entriesCsv([e1], {
      ...options,
      columns: [
        'source',
        'id',
        'client',
        'project',
        'task',
        'description',
        'billable',
        'date',
        'startTime',
        'date',
        'endTime',
        'duration',
        'tags',
        'amount',
      ],
    });
    const body = csv.slice(csv.indexOf('\r\n'));
    const back = importCsv(
      header + body,
      { zone: NY, currency: 'USD', clients: [], projects: [], tasks: [], entries: [] },
      {
        next: () => '01JD0000000000000000000000',
      },
    );
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.timeEntries[0]?.input).toMatchObject({
      start: e1.start,
      end: e1.end,
      tags: ['dev', 'ux'],
    });
  });
});

it.each([
  [0, '0.00'],
  [5400, '1.50'],
  [4200, '1.17'],
  [18, '0.01'], // 0.005 h, half-up
  [17, '0.00'],
])('decimalHours(%i) = %s', (s, expected) => expect(decimalHours(s)).toBe(expected));

it('isoLocal has the zone’s offset on each side of a DST change', () => {
  expect(isoLocal(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
  expect(isoLocal(Date.UTC(2026, 9, 25, 1, 30), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
  expect(isoLocal(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00+05:30');
});
