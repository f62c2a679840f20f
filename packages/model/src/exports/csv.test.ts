import Papa from 'papaparse';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as bankCsv from '../bank/csv.ts';
import { collections, type CollectionName } from '../collections.ts';
import { build, testIds } from '../testing.ts';
import * as importing from '../time/import/index.ts';
import { cellText, collectionCsv, tableCsv } from './csv.ts';
import { finder, type ExportContext, type Row, type Table } from './tables.ts';
import type { Value } from './values.ts';

const ids = testIds(11);

function record(name: CollectionName, n = 1, overrides: Record<string, unknown> = {}): Row {
  return v.parse(collections[name].schema, {
    id: ids.next(),
    ...build(name, n),
    ...overrides,
  });
}

const zone = 'America/New_York';
const ctx = (records: Partial<Record<string, Row[]>> = {}): ExportContext => ({
  zone,
  currency: 'USD',
  now: Date.UTC(2026, 10, 22),
  find: finder(records),
});

function parse(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('cellText', () => {
  it.each<[string, Value, string]>([
    ['a calendar date', { kind: 'date', date: '2026-02-28' }, '2026-02-28'],
    ['a month', { kind: 'month', month: '2026-02' }, '2026-02'],
    [
      'an instant in winter',
      { kind: 'instant', at: Date.UTC(2026, 0, 5, 15, 4, 5) },
      '2026-01-05T10:04:05-05:00',
    ],
    [
      'an instant in summer',
      { kind: 'instant', at: Date.UTC(2026, 6, 5, 15, 4, 5) },
      '2026-07-05T11:04:05-04:00',
    ],
    ['money', { kind: 'money', minor: -123456, currency: 'USD' }, '-1234.56'],
    ['money without decimals', { kind: 'money', minor: 1200, currency: 'JPY' }, '1200'],
    ['money with three decimals', { kind: 'money', minor: 1005, currency: 'KWD' }, '1.005'],
    ['a percentage', { kind: 'decimal', units: 1999, scale: 2 }, '19.99'],
    ['a small negative percentage', { kind: 'decimal', units: -5, scale: 2 }, '-0.05'],
    ['a duration', { kind: 'duration', seconds: 93784 }, '26:03:04'],
    ['a time of day', { kind: 'time', ms: 45296000 }, '12:34:56'],
    ['true', { kind: 'boolean', value: true }, 'true'],
    ['nothing', undefined, ''],
  ])('writes %s as ISO/decimal text', (_what, value, text) => {
    expect(cellText(value, { zone })).toBe(text);
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
    'guards text %j against formulas when asked',
    (text) => {
      expect(cellText({ kind: 'text', text }, { zone, escapeFormulae: true })).toBe(`'${text}`);
      expect(cellText({ kind: 'text', text }, { zone })).toBe(text);
    },
  );

  it('never guards numbers, money or dates', () => {
    const options = { zone, escapeFormulae: true };
    expect(cellText({ kind: 'money', minor: -500, currency: 'USD' }, options)).toBe('-5.00');
    expect(cellText({ kind: 'number', value: -3 }, options)).toBe('-3');
    expect(cellText({ kind: 'text', text: 'plain' }, options)).toBe('plain');
  });
});

describe('tableCsv', () => {
  const table: Table = {
    name: 't',
    label: 'T',
    headers: ['Id', 'Note', 'Amount'],
    rows: [
      [
        { kind: 'text', text: 'a' },
        { kind: 'text', text: 'comma, "quote" and\nnewline' },
        { kind: 'money', minor: 5, currency: 'USD' },
      ],
      [{ kind: 'text', text: 'b' }, undefined, undefined],
    ],
  };

  it('quotes commas, quotes and newlines so the file reads back exactly', () => {
    const text = tableCsv(table, { zone });
    expect(text).toContain('"comma, ""quote"" and\nnewline"');
    expect(parse(text)).toEqual([
      ['Id', 'Note', 'Amount'],
      ['a', 'comma, "quote" and\nnewline', '0.05'],
      ['b', '', ''],
    ]);
  });

  it('ends every line with CRLF and starts with a BOM only when asked', () => {
    const text = tableCsv(table, { zone, bom: true });
    expect(text.startsWith('\uFEFFId,Note,Amount\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(tableCsv(table, { zone }).startsWith('Id')).toBe(true);
  });

  it('writes the header of an empty collection', () => {
    expect(collectionCsv('gear', [], ctx())).toBe(
      'Id,Name,Kind,Brand,Model,Distance before Tally (m),Retired,Default for\r\n',
    );
  });
});

describe('collectionCsv', () => {
  it('writes payments with ISO dates, decimal amounts and a currency column', () => {
    const bill = record('bills', 1, { name: 'Power, "green"' });
    const payment = record('payments', 1, {
      billId: bill.id,
      date: '2026-11-03',
      amount: -2550,
      currency: 'EUR',
      note: '=cmd',
    });
    const rows = parse(
      collectionCsv('payments', [payment], ctx({ bills: [bill] }), { escapeFormulae: true }),
    );
    const header = rows[0] ?? [];
    const row = rows[1] ?? [];
    const at = (h: string) => row[header.indexOf(h)];
    expect(at('Date')).toBe('2026-11-03');
    expect(at('Bill')).toBe('Power, "green"');
    expect(at('Amount')).toBe('-25.50');
    expect(at('Currency')).toBe('EUR');
    expect(at('Note')).toBe("'=cmd");
    expect(at('Autopay failed')).toBe('false');
  });

  it('flattens activity sources and gear defaults', () => {
    const gear = record('gear', 1, { defaultFor: ['running', 'trail running'] });
    const activity = record('activities', 1, {
      gearId: gear.id,
      timeZone: 'Asia/Tokyo',
      start: Date.UTC(2026, 10, 1, 20),
      sources: [
        { kind: 'fit', fileName: 'a.fit', contentHash: 'b'.repeat(64) },
        { kind: 'strava', providerId: '123' },
      ],
    });
    const rows = parse(collectionCsv('activities', [activity], ctx({ gear: [gear] })));
    const at = (h: string) => rows[1]?.[rows[0]?.indexOf(h) ?? -1];
    expect(at('Sources')).toBe('fit: a.fit; strava: 123');
    expect(at('Source file hashes (SHA-256)')).toBe('b'.repeat(64));
    expect(at('Gear')).toBe(gear.name);
    expect(at('Start')).toBe('2026-11-01T15:00:00-05:00');
    expect(at('Date')).toBe('2026-11-02'); // the day where it happened
    expect(parse(collectionCsv('gear', [gear], ctx()))[1]).toContain('running, trail running');
  });
});

describe('time entries CSV, read back by the time importer', () => {
  it('imports as Toggl Track and gives back the same entries', () => {
    const client = record('clients', 1, { name: 'Acme, Inc.' });
    const project = record('projects', 1, { name: 'Site', clientId: client.id });
    const task = record('tasks', 1, { projectId: project.id, name: 'Design' });
    const start = Date.UTC(2026, 2, 8, 6, 30); // 01:30 EST, the night the clocks go forward
    const entries = [
      record('timeEntries', 1, {
        start,
        end: start + 2 * 3_600_000 + 5_000,
        projectId: project.id,
        taskId: task.id,
        description: 'Layout, "hero" and\nfooter',
        tags: ['design', 'web'],
        billable: true,
      }),
      record('timeEntries', 2, {
        start: start + 86_400_000,
        end: start + 86_400_000 + 1_800_000,
        description: '-1 bug',
        tags: [],
        billable: false,
      }),
    ];
    const text = collectionCsv(
      'timeEntries',
      entries,
      ctx({ clients: [client], projects: [project], tasks: [task] }),
      { bom: true },
    );
    const preview = importing.preview(text, {
      zone,
      currency: 'USD',
      clients: [],
      projects: [],
      tasks: [],
      entries: [],
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.value.format).toBe('toggl');
    expect(preview.value.errors).toEqual([]);
    const got = preview.value.rows.map((r) => r.entry);
    expect(got).toEqual([
      expect.objectContaining({
        start: entries[0]?.start,
        end: entries[0]?.end,
        description: 'Layout, "hero" and\nfooter',
        tags: ['design', 'web'],
        billable: true,
        client: 'Acme, Inc.',
        project: 'Site',
        task: 'Design',
      }),
      expect.objectContaining({
        start: entries[1]?.start,
        end: entries[1]?.end,
        description: '-1 bug',
        tags: [],
        billable: false,
      }),
    ]);
  });
});

describe('transactions CSV, read back by the bank CSV importer', () => {
  it('finds the columns by their names and gives back date, amount, currency, payee and memo', () => {
    const account = record('accounts', 1, { name: 'Checking' });
    const category = record('categories', 1, { name: 'Groceries' });
    const rows = [
      record('transactions', 1, {
        accountId: account.id,
        date: '2026-03-08',
        amount: -123_456,
        currency: 'EUR',
        payee: 'Café "Zur Post", Berlin',
        memo: 'Table 4\nthanks',
        providerId: 'FIT-001',
        categoryId: category.id,
      }),
      record('transactions', 2, {
        accountId: account.id,
        date: '2026-12-31',
        amount: 5,
        currency: 'JPY',
        payee: '=cmd|calc',
        memo: undefined,
        providerId: undefined,
      }),
    ];
    const text = collectionCsv(
      'transactions',
      rows,
      ctx({ accounts: [account], categories: [category] }),
      { bom: true, escapeFormulae: false },
    );
    const preview = bankCsv.preview(text.replace(/^\uFEFF/, ''), { fileName: 'transactions.csv' });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.missing).toEqual([]);
    expect(preview.value.dateOrder.order).toBe('ymd');
    const headers = preview.value.headers;
    const mapping = preview.value.mapping;
    expect(mapping.date === undefined ? '' : headers[mapping.date]).toBe('Date');
    expect(mapping.amount === undefined ? '' : headers[mapping.amount]).toBe('Amount');
    expect(mapping.currency === undefined ? '' : headers[mapping.currency]).toBe('Currency');
    // The bank id column is named for people ("Bank id"): the person maps it, as they would.
    const parsed = bankCsv.parse(
      text.replace(/^\uFEFF/, ''),
      { ...mapping, id: headers.indexOf('Bank id') },
      { fileName: 'transactions.csv', currency: 'USD' },
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.skipped).toEqual([]);
    expect(
      parsed.value.statements
        .flatMap((s) => s.transactions)
        .map(({ date, amount, currency, payee, memo, providerId }) => ({
          date,
          amount,
          currency,
          payee,
          memo,
          providerId,
        })),
    ).toEqual([
      {
        date: '2026-03-08',
        amount: -123_456,
        currency: 'EUR',
        payee: 'Café "Zur Post", Berlin',
        memo: 'Table 4 thanks', // the importer collapses whitespace, as banks' line breaks are noise
        providerId: 'FIT-001',
      },
      {
        date: '2026-12-31',
        amount: 5,
        currency: 'JPY',
        payee: '=cmd|calc',
        memo: undefined,
        providerId: undefined,
      },
    ]);
  });
});
