import { describe, expect, it } from 'vitest';
import { collectionNames, collections, type CollectionName } from '../collections.ts';
import { build, testIds } from '../testing.ts';
import * as v from 'valibot';
import {
  buildTable,
  extraFields,
  fileStem,
  finder,
  settingsTable,
  tableDefs,
  type ExportContext,
  type Row,
} from './tables.ts';

const ids = testIds(7);

/** A valid record of a collection, as the store projects it (defaults filled in). */
function record(name: CollectionName, n = 1, overrides: Record<string, unknown> = {}): Row {
  const parsed = v.parse(collections[name].schema, {
    id: ids.next(),
    ...build(name, n),
    ...overrides,
  });
  return parsed;
}

function context(records: Partial<Record<string, Row[]>> = {}): ExportContext {
  return {
    zone: 'Europe/Berlin',
    currency: 'EUR',
    now: Date.UTC(2026, 10, 22),
    find: finder(records),
  };
}

function schemaFields(name: CollectionName): string[] {
  const schema = collections[name].schema as unknown as { entries: Record<string, unknown> };
  return Object.keys(schema.entries);
}

describe('tables', () => {
  it.each(collectionNames)('%s: a column shows every field of the schema', (name) => {
    const covered = new Set(tableDefs[name].columns.flatMap((c) => c.fields));
    expect(schemaFields(name).length).toBeGreaterThan(2);
    expect(schemaFields(name).filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(collectionNames)('%s: a sample record fills its table without extra columns', (name) => {
    const r = record(name);
    const table = buildTable(name, [r], context());
    expect(table.headers[0]).toBe('Id');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.[0]).toEqual({ kind: 'text', text: r.id });
    expect(new Set(table.headers).size).toBe(table.headers.length);
    expect(extraFields(tableDefs[name], [r])).toEqual([]);
  });

  it('puts fields no column knows into extra columns, sorted, after the known ones', () => {
    const r = { ...record('gear'), zeta: 3, alpha: ['a', 'b'], nested: { x: 1 } };
    const table = buildTable('gear', [r], context());
    expect(table.headers.slice(-3)).toEqual(['alpha', 'nested', 'zeta']);
    expect(table.rows[0]?.slice(-3)).toEqual([
      { kind: 'text', text: 'a; b' },
      { kind: 'text', text: '{"x":1}' },
      { kind: 'number', value: 3 },
    ]);
  });

  it('names what ids point at, and leaves the name empty when the target is gone', () => {
    const bill = record('bills', 1, { name: 'Rent', currency: 'JPY' });
    const paid = record('payments', 1, { billId: bill.id });
    const orphan = record('payments', 2, { billId: ids.next() });
    const table = buildTable('payments', [paid, orphan], context({ bills: [bill] }));
    const billCol = table.headers.indexOf('Bill');
    const billIdCol = table.headers.indexOf('Bill id');
    expect(table.rows.map((r) => r[billCol])).toEqual([{ kind: 'text', text: 'Rent' }, undefined]);
    expect(table.rows[0]?.[billIdCol]).toEqual({ kind: 'text', text: bill.id });
  });

  it('gives money its currency: its own, the bill’s, the invoice’s, else the user’s', () => {
    const bill = record('bills', 1, { currency: 'JPY' });
    const override = record('monthlyOverrides', 1, { billId: bill.id, amount: 500 });
    const overrides = buildTable('monthlyOverrides', [override], context({ bills: [bill] }));
    expect(overrides.rows[0]?.[overrides.headers.indexOf('Amount')]).toEqual({
      kind: 'money',
      minor: 500,
      currency: 'JPY',
    });
    const invoice = record('invoices', 1, { currency: 'GBP' });
    const line = record('invoiceLines', 1, { invoiceId: invoice.id });
    const lines = buildTable('invoiceLines', [line], context({ invoices: [invoice] }));
    expect(lines.rows[0]?.[lines.headers.indexOf('Currency')]).toEqual({
      kind: 'text',
      text: 'GBP',
    });
    expect(lines.rows[0]?.[lines.headers.indexOf('Invoice')]).toEqual({
      kind: 'text',
      text: invoice.number,
    });
    const project = record('projects', 1, { rate: 12000 });
    const projects = buildTable('projects', [project], context());
    expect(projects.rows[0]?.[projects.headers.indexOf('Rate (per hour)')]).toEqual({
      kind: 'money',
      minor: 12000,
      currency: 'EUR',
    });
  });

  it('orders dated records by date, then id', () => {
    const late = record('payments', 1, { date: '2026-03-01' });
    const early = record('payments', 2, { date: '2026-01-01' });
    const table = buildTable('payments', [late, early], context());
    expect(table.rows.map((r) => r[0])).toEqual([
      { kind: 'text', text: early.id },
      { kind: 'text', text: late.id },
    ]);
  });

  it('gives time entries wall-clock start and end, worked and paused time', () => {
    const start = Date.UTC(2026, 2, 29, 0, 30); // 01:30 CET, before the clocks go forward
    const entry = record('timeEntries', 1, {
      start,
      end: start + 3 * 3_600_000,
      pauses: [{ start: start + 3_600_000, end: start + 3_600_000 + 600_000 }],
    });
    const table = buildTable('timeEntries', [entry], context());
    const cell = (h: string) => table.rows[0]?.[table.headers.indexOf(h)];
    expect(cell('Start date')).toEqual({ kind: 'date', date: '2026-03-29' });
    expect(cell('Start time')).toEqual({ kind: 'time', ms: (3600 + 1800) * 1000 });
    expect(cell('End time')).toEqual({ kind: 'time', ms: (5 * 3600 + 1800) * 1000 }); // CEST
    expect(cell('Duration')).toEqual({ kind: 'duration', seconds: 3 * 3600 - 600 });
    expect(cell('Paused')).toEqual({ kind: 'duration', seconds: 600 });
    expect(cell('Pauses')).toEqual({
      kind: 'text',
      text: '2026-03-29T03:30:00+02:00/2026-03-29T03:40:00+02:00',
    });
  });

  it('leaves a running entry’s end and duration empty', () => {
    const entry = record('timeEntries', 1, { end: undefined });
    delete entry.end;
    const table = buildTable('timeEntries', [entry], context());
    expect(table.rows[0]?.[table.headers.indexOf('Duration')]).toBeUndefined();
    expect(table.rows[0]?.[table.headers.indexOf('End')]).toBeUndefined();
  });

  it('reports progress while building a large table', () => {
    const rows = Array.from({ length: 5 }, (_, i) => record('gear', i));
    const calls: [number, number][] = [];
    buildTable('gear', rows, context(), (done, total) => calls.push([done, total]), 2);
    expect(calls).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('renders settings one per row', () => {
    const table = settingsTable({ id: 'settings', currency: 'EUR', hiddenModules: ['time'] });
    expect(table.headers).toEqual(['Setting', 'Value']);
    expect(table.rows).toEqual([
      [
        { kind: 'text', text: 'currency' },
        { kind: 'text', text: 'EUR' },
      ],
      [
        { kind: 'text', text: 'hiddenModules' },
        { kind: 'text', text: 'time' },
      ],
    ]);
  });

  it.each([
    ['timeEntries', 'time-entries'],
    ['bills', 'bills'],
    ['activityMatchDismissals', 'activity-match-dismissals'],
  ])('file stem of %s is %s', (name, stem) => {
    expect(fileStem(name)).toBe(stem);
  });
});
