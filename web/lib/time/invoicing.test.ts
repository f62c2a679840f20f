import { describe, expect, it } from 'vitest';
import { time } from '@tally/model';
import { testIds } from '@tally/model/testing';
import * as tt from '@tally/model/time/testing';
import { invoiceLinesCsv, invoicesCsv } from './invoice-csv.ts';
import {
  describeSkipped,
  draftWrites,
  isOverdue,
  issueUpdate,
  totalsByInvoice,
} from './invoicing.ts';

const acme = tt.client({ rate: 10000, currency: 'EUR' });
const site = tt.project({ clientId: acme.id });
const cat = time.catalog.catalog({ clients: [acme], projects: [site] });
const ctx = {
  catalog: cat,
  settings: { currency: 'EUR' },
  rounding: time.rounding.EXACT,
  zone: 'Europe/Berlin',
  now: Date.UTC(2026, 11, 1),
};

function draft() {
  const entries = [
    tt.entry({
      projectId: site.id,
      start: Date.UTC(2026, 10, 2, 9),
      end: Date.UTC(2026, 10, 2, 10),
    }),
    tt.entry({
      projectId: site.id,
      start: Date.UTC(2026, 10, 3, 9),
      end: Date.UTC(2026, 10, 3, 9, 30),
    }),
  ];
  const r = time.invoices.draftInvoice(
    entries,
    {
      clientId: acme.id,
      period: { start: '2026-11-01', end: '2026-11-30' },
      grouping: 'project',
      taxBasisPoints: 1900,
      today: '2026-12-01',
      invoices: [],
      ids: testIds(3),
    },
    ctx,
  );
  if (!r.ok) throw new Error('no draft');
  return { entries, draft: r.value };
}

describe('draftWrites', () => {
  it('writes the invoice, its lines and the billed entries together', () => {
    const { entries, draft: d } = draft();
    const writes = draftWrites(d);
    expect(writes.map((w) => [w.op, w.collection])).toEqual([
      ['create', 'invoices'],
      ['create', 'invoiceLines'],
      ['update', 'timeEntries'],
      ['update', 'timeEntries'],
    ]);
    expect(writes.slice(2).map((w) => w.id)).toEqual(entries.map((e) => e.id));
    expect(writes[0]?.data).toMatchObject({ status: 'draft', number: '2026-0001' });
  });

  it('saves it issued with its dates when asked', () => {
    const writes = draftWrites(draft().draft, { today: '2026-12-01', dueInDays: 14 });
    expect(writes[0]?.data).toMatchObject({
      status: 'issued',
      issueDate: '2026-12-01',
      dueDate: '2026-12-15',
    });
  });
});

describe('issueUpdate', () => {
  const inv = tt.invoice({ clientId: acme.id, number: '2026-0003' });

  it('keeps a free number', () => {
    expect(issueUpdate(inv, [inv], '2026-12-01', 30)).toEqual({
      id: inv.id,
      patch: { status: 'issued', issueDate: '2026-12-01', dueDate: '2026-12-31' },
    });
  });

  it('takes the next free number when another device used this one', () => {
    const other = tt.invoice({ clientId: acme.id, number: '2026-0003', status: 'issued' });
    const later = tt.invoice({ clientId: acme.id, number: '2026-0004', status: 'issued' });
    expect(issueUpdate(inv, [inv, other, later], '2026-12-01', 30).patch.number).toBe('2026-0005');
  });

  it('renumbers a draft from last year issued in the new one', () => {
    expect(issueUpdate(inv, [inv], '2027-01-04', 30).patch.number).toBe('2027-0001');
  });
});

describe('totalsByInvoice', () => {
  it('adds each invoice’s lines and its tax', () => {
    const { draft: d } = draft();
    const invoice = {
      ...tt.invoice({ clientId: acme.id, taxBasisPoints: 1900 }),
      id: d.invoice.id,
    };
    const lines = d.lines.map((l) => ({
      ...l.input,
      id: l.id,
      entryIds: l.input.entryIds ?? [],
      order: 0,
    }));
    const empty = tt.invoice({ clientId: acme.id });
    const totals = totalsByInvoice([invoice, empty], lines);
    // 1.5 h × 100.00 = 150.00, + 19 % = 178.50
    expect(totals.get(invoice.id)).toEqual({
      currency: 'EUR',
      subtotal: 15000,
      tax: 2850,
      total: 17850,
    });
    expect(totals.get(empty.id)?.total).toBe(0);
  });
});

describe('invoiceLinesCsv', () => {
  it('lists the lines and the totals with decimal amounts', () => {
    const { draft: d } = draft();
    const invoice = {
      ...tt.invoice({ clientId: acme.id, number: '2026-0001', taxBasisPoints: 1900 }),
    };
    const lines = d.lines.map((l) => ({
      ...l.input,
      id: l.id,
      invoiceId: invoice.id,
      entryIds: l.input.entryIds ?? [],
      order: l.input.order ?? 0,
    }));
    const csv = invoiceLinesCsv(invoice, lines, 'Acme, Inc.');
    expect(csv.split('\r\n')).toEqual([
      'Invoice,Client,Description,Hours,Rate,Amount,Currency,Entries',
      '2026-0001,"Acme, Inc.",Website,1.50,100.00,150.00,EUR,2',
      '2026-0001,"Acme, Inc.",Subtotal,,,150.00,EUR,',
      '2026-0001,"Acme, Inc.",Tax 19 %,,,28.50,EUR,',
      '2026-0001,"Acme, Inc.",Total,,,178.50,EUR,',
    ]);
  });
});

describe('invoicesCsv', () => {
  it('one row per invoice, oldest first, with its totals and overdue status', () => {
    const paid = tt.invoice({
      clientId: acme.id,
      number: '2026-0002',
      status: 'paid',
      issueDate: '2026-10-05',
      dueDate: '2026-11-04',
      taxBasisPoints: 1900,
    });
    const late = tt.invoice({
      clientId: acme.id,
      number: '2026-0001',
      status: 'issued',
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      currency: 'JPY',
    });
    const gone = tt.client({ name: 'Gone' });
    const draftOne = tt.invoice({
      clientId: gone.id,
      number: '2026-0003',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const totals = new Map([
      [paid.id, time.invoices.invoiceTotals([{ amount: 15000 }], 1900, 'EUR')],
      [late.id, time.invoices.invoiceTotals([{ amount: 5000 }], 0, 'JPY')],
    ]);
    const name = (id: string) => (id === acme.id ? 'Acme, Inc.' : 'Unknown client');
    expect(invoicesCsv([draftOne, paid, late], totals, name, '2026-11-22').split('\r\n')).toEqual([
      'Invoice,Client,Issued,Due,Period start,Period end,Status,Currency,Subtotal,Tax %,Tax,Total',
      '2026-0001,"Acme, Inc.",2026-09-01,2026-10-01,2026-10-01,2026-10-31,overdue,JPY,5000,0,0,5000',
      '2026-0002,"Acme, Inc.",2026-10-05,2026-11-04,2026-10-01,2026-10-31,paid,EUR,150.00,19,28.50,178.50',
      '2026-0003,Unknown client,,,2026-11-01,2026-11-30,draft,EUR,0.00,0,0.00,0.00',
    ]);
  });
});

describe('describeSkipped', () => {
  it('says what was left out and why', () => {
    expect(describeSkipped([])).toBeUndefined();
    expect(
      describeSkipped([
        { entryId: 'a', reason: 'running' },
        { entryId: 'b', reason: 'no-rate' },
        { entryId: 'c', reason: 'no-rate' },
      ]),
    ).toBe(
      '3 entries are left out: 1 is still running, 2 have no hourly rate (set one on the project or client).',
    );
    expect(describeSkipped([{ entryId: 'a', reason: 'other-currency' }])).toBe(
      '1 entry is left out: 1 is billed in another currency.',
    );
  });
});

describe('isOverdue', () => {
  it('is an issued invoice past its due date', () => {
    const issued = tt.invoice({ clientId: acme.id, status: 'issued', dueDate: '2026-12-01' });
    expect(isOverdue(issued, '2026-12-02')).toBe(true);
    expect(isOverdue(issued, '2026-12-01')).toBe(false);
    expect(isOverdue({ ...issued, status: 'paid' }, '2027-01-01')).toBe(false);
  });
});
