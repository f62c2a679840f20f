import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { collections } from '../collections.ts';
import * as dates from '../dates.ts';
import { testIds } from '../testing.ts';
import { catalog, type TimeEntry } from './catalog.ts';
import {
  cancelInvoice,
  deleteDraft,
  draftInvoice,
  invoiceTotals,
  issueInvoice,
  sellerDefaults,
  sellerPatch,
  type DraftOptions,
} from './invoices.ts';
import type { MeasureContext } from './reports.ts';
import { client, entry, H, invoice, M, project, task } from './testing.ts';

const BERLIN = 'Europe/Berlin';
const at = (date: string, hours: number): number =>
  dates.instantAt(date, Math.round(hours * H), BERLIN);

const acme = client({ name: 'Acme', rate: 9000, currency: 'EUR' });
const other = client({ name: 'Other', currency: 'EUR', rate: 5000 });
const website = project({ name: 'Website', clientId: acme.id, rate: 12000 });
const support = project({ name: 'Support', clientId: acme.id });
const elsewhere = project({ name: 'Elsewhere', clientId: other.id });
const design = task({ name: 'Design', projectId: website.id });
const build = task({ name: 'Build', projectId: website.id });

const ctx: MeasureContext = {
  catalog: catalog({
    clients: [acme, other],
    projects: [website, support, elsewhere],
    tasks: [design, build],
  }),
  settings: { currency: 'USD' },
  rounding: { minutes: 15, method: 'nearest' },
  zone: BERLIN,
  now: at('2026-11-03', 12),
};

const minutes = (date: string, hour: number, mins: number, extra: Partial<TimeEntry> = {}) =>
  entry({ start: at(date, hour), end: at(date, hour) + mins * M, ...extra });

// October 2026 for Acme
const w1 = minutes('2026-10-05', 9, 67, { projectId: website.id, taskId: design.id }); // → 60
const w2 = minutes('2026-10-06', 9, 120, { projectId: website.id, taskId: build.id }); // → 120
const w3 = minutes('2026-10-07', 9, 52, { projectId: website.id, taskId: design.id }); // → 45
const s1 = minutes('2026-10-08', 9, 20, { projectId: support.id }); // → 15 at the client's 90.00
const special = minutes('2026-10-09', 9, 30, { projectId: website.id, rate: 15000 }); // own rate
const left = {
  nonBillable: minutes('2026-10-10', 9, 60, { projectId: website.id, billable: false }),
  invoiced: minutes('2026-10-11', 9, 60, { projectId: website.id, invoiceId: testIds(5).next() }),
  otherClient: minutes('2026-10-12', 9, 60, { projectId: elsewhere.id }),
  before: minutes('2026-09-30', 23, 30, { projectId: website.id }),
  after: minutes('2026-11-01', 0, 30, { projectId: website.id }),
};
const skippedToo = {
  running: entry({ start: at('2026-10-31', 22), end: undefined, projectId: website.id }),
  dollars: minutes('2026-10-13', 9, 60, { projectId: website.id, rate: 10000, currency: 'USD' }),
};
const all = [w1, w2, w3, s1, special, ...Object.values(left), ...Object.values(skippedToo)];

const options = (over: Partial<DraftOptions> = {}): DraftOptions => ({
  clientId: acme.id,
  period: { start: '2026-10-01', end: '2026-10-31' },
  grouping: 'project',
  taxBasisPoints: 1900,
  today: '2026-11-03',
  invoices: [{ number: '2026-0003' }, { number: '2025-0010' }],
  ids: testIds(42),
  ...over,
});

function draft(over: Partial<DraftOptions> = {}, entries: TimeEntry[] = all) {
  const result = draftInvoice(entries, options(over), ctx);
  if (!result.ok) throw new Error(result.error.kind);
  return result.value;
}

describe('draftInvoice', () => {
  it('lines per project: one rate per line, hours × rate, tax on the subtotal', () => {
    const d = draft();
    expect(
      d.lines.map((l) => [l.input.description, l.input.seconds / 60, l.input.rate, l.input.amount]),
    ).toEqual([
      ['Support', 15, 9000, 2250],
      ['Website', 225, 12000, 45000],
      ['Website', 30, 15000, 7500],
    ]);
    expect(d.totals).toEqual({ currency: 'EUR', subtotal: 54750, tax: 10403, total: 65153 });
    expect(d.invoice.input).toMatchObject({
      number: '2026-0004',
      clientId: acme.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      currency: 'EUR',
      status: 'draft',
      taxBasisPoints: 1900,
    });
  });

  it('leaves out what is not this invoice’s, and says why for what it skipped', () => {
    const d = draft();
    const billed = new Set(d.entryUpdates.map((u) => u.id));
    expect(billed).toEqual(new Set([w1.id, w2.id, w3.id, s1.id, special.id]));
    expect(d.skipped).toEqual([
      { entryId: skippedToo.dollars.id, reason: 'other-currency' },
      { entryId: skippedToo.running.id, reason: 'running' },
    ]);
  });

  it('marks every billed entry with the invoice, and lists them on their lines', () => {
    const d = draft();
    expect(d.entryUpdates.every((u) => u.patch.invoiceId === d.invoice.id)).toBe(true);
    expect(d.lines.flatMap((l) => l.input.entryIds ?? []).sort()).toEqual(
      [...d.entryUpdates.map((u) => u.id)].sort(),
    );
    expect(d.lines.every((l) => l.input.invoiceId === d.invoice.id)).toBe(true);
  });

  it('lines per task', () => {
    expect(
      draft({ grouping: 'task' }).lines.map((l) => [l.input.description, l.input.seconds / 60]),
    ).toEqual([
      ['Support', 15],
      ['Website', 30],
      ['Website – Build', 120],
      ['Website – Design', 105],
    ]);
  });

  it('lines per entry, in time order', () => {
    expect(draft({ grouping: 'entry' }).lines.map((l) => l.input.description)).toEqual([
      '2026-10-05 · Website',
      '2026-10-06 · Website',
      '2026-10-07 · Website',
      '2026-10-08 · Support',
      '2026-10-09 · Website',
    ]);
  });

  it('every write is a valid record', () => {
    const d = draft();
    expect(
      v.safeParse(collections.invoices.schema, { ...d.invoice.input, id: d.invoice.id }).success,
    ).toBe(true);
    for (const l of d.lines)
      expect(v.safeParse(collections.invoiceLines.schema, { ...l.input, id: l.id }).success).toBe(
        true,
      );
  });

  it('is right to the cent: a line rounds once, an entry line per entry', () => {
    // 99.99 an hour, two entries of 7 minutes, no rounding of time:
    // one line: 14 min → 23.331 → 23.33; two lines: 11.6655 → 11.67 each → 23.34.
    const odd = project({ name: 'Odd', clientId: acme.id, rate: 9999 });
    const c = {
      ...ctx,
      rounding: { minutes: 1, method: 'nearest' as const },
      catalog: catalog({ clients: [acme], projects: [odd] }),
    };
    const two = [
      minutes('2026-10-05', 9, 7, { projectId: odd.id }),
      minutes('2026-10-05', 10, 7, { projectId: odd.id }),
    ];
    const one = draftInvoice(two, options(), c);
    const each = draftInvoice(two, options({ grouping: 'entry' }), c);
    expect(one.ok && one.value.totals).toEqual({
      currency: 'EUR',
      subtotal: 2333,
      tax: 443,
      total: 2776,
    });
    expect(each.ok && each.value.totals).toEqual({
      currency: 'EUR',
      subtotal: 2334,
      tax: 443,
      total: 2777,
    });
  });

  it('rounds tax half-up', () => {
    expect(invoiceTotals([{ amount: 250 }], 1000, 'EUR')).toEqual({
      currency: 'EUR',
      subtotal: 250,
      tax: 25,
      total: 275,
    });
    expect(invoiceTotals([{ amount: 5 }], 1000, 'EUR').tax).toBe(1); // 0.5 → 1
    expect(invoiceTotals([{ amount: 4 }], 1000, 'EUR').tax).toBe(0);
    expect(invoiceTotals([], 1900, 'EUR')).toEqual({
      currency: 'EUR',
      subtotal: 0,
      tax: 0,
      total: 0,
    });
  });

  it('has nothing to invoice when every entry is already billed', () => {
    const result = draftInvoice([left.invoiced, skippedToo.running], options(), ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'nothing-to-invoice',
        skipped: [{ entryId: skippedToo.running.id, reason: 'running' }],
      },
    });
  });

  it('bills in another currency when asked, and skips the rest', () => {
    const d = draft({ currency: 'USD' });
    expect(d.lines.map((l) => l.input.amount)).toEqual([10000]);
    expect(d.skipped.filter((s) => s.reason === 'other-currency')).toHaveLength(5);
  });

  it('takes the period by the local day an entry started', () => {
    // 2026-09-30 23:00 Berlin is 21:00 UTC; 2026-11-01 00:00 Berlin is still October in UTC.
    const d = draft({}, [left.before, left.after, w1]);
    expect(d.entryUpdates.map((u) => u.id)).toEqual([w1.id]);
  });
});

describe('after the draft', () => {
  const inv = invoice({ clientId: acme.id, number: '2026-0004' });
  const billed = [
    { ...w1, invoiceId: inv.id },
    { ...w2, invoiceId: inv.id },
    { ...w3, invoiceId: testIds(77).next() },
  ];

  it('cancelling keeps the invoice and frees its entries', () => {
    expect(cancelInvoice(inv, billed)).toEqual({
      invoice: { id: inv.id, patch: { status: 'cancelled' } },
      entryUpdates: [
        { id: w1.id, patch: { invoiceId: undefined } },
        { id: w2.id, patch: { invoiceId: undefined } },
      ],
    });
  });

  it('deleting a draft removes its lines and frees its entries', () => {
    const lineIds = testIds(3);
    const lines = [
      {
        id: lineIds.next(),
        invoiceId: inv.id,
        description: 'a',
        seconds: 60,
        rate: 1,
        amount: 0,
        entryIds: [],
        order: 0,
      },
      {
        id: lineIds.next(),
        invoiceId: testIds(4).next(),
        description: 'b',
        seconds: 60,
        rate: 1,
        amount: 0,
        entryIds: [],
        order: 0,
      },
    ];
    const result = deleteDraft(inv, lines, billed);
    expect(result.ok && result.value).toEqual({
      removeInvoiceId: inv.id,
      removeLineIds: [lines[0]?.id],
      entryUpdates: [
        { id: w1.id, patch: { invoiceId: undefined } },
        { id: w2.id, patch: { invoiceId: undefined } },
      ],
    });
  });

  it('refuses to delete an issued invoice', () => {
    expect(deleteDraft({ ...inv, status: 'issued' }, [], billed)).toEqual({
      ok: false,
      error: { kind: 'not-a-draft', status: 'issued' },
    });
  });

  it('issuing sets the dates', () => {
    expect(issueInvoice(inv, '2026-11-03', 30)).toEqual({
      id: inv.id,
      patch: { status: 'issued', issueDate: '2026-11-03', dueDate: '2026-12-03' },
    });
  });
});

describe('seller details and payment terms', () => {
  const me = {
    sellerName: '  Jo Freelance ',
    sellerAddress: '1 Main St\n10115 Berlin',
    sellerTaxId: 'DE123456789',
    paymentTerms: '   ',
  };

  it('a draft prints the seller given, trimmed, without blank fields', () => {
    const d = draft({ seller: me });
    expect(d.invoice.input).toMatchObject({
      sellerName: 'Jo Freelance',
      sellerAddress: '1 Main St\n10115 Berlin',
      sellerTaxId: 'DE123456789',
    });
    expect(d.invoice.input).not.toHaveProperty('paymentTerms');
    expect(
      v.safeParse(collections.invoices.schema, { id: d.invoice.id, ...d.invoice.input }).success,
    ).toBe(true);
  });

  it('a draft without seller details has none', () => {
    expect(draft().invoice.input).not.toHaveProperty('sellerName');
  });

  it('new invoices start from the details of the invoice created last that has any', () => {
    const ids = testIds(7);
    const older = invoice({ clientId: acme.id, id: ids.next(1000), sellerName: 'Old name' });
    const newer = invoice({
      clientId: acme.id,
      id: ids.next(2000),
      sellerName: 'New name',
      paymentTerms: 'IBAN DE00 1234',
    });
    const blank = invoice({ clientId: acme.id, id: ids.next(3000), sellerName: ' ' });
    expect(sellerDefaults([newer, blank, older])).toEqual({
      sellerName: 'New name',
      paymentTerms: 'IBAN DE00 1234',
    });
    expect(sellerDefaults([older])).toEqual({ sellerName: 'Old name' });
    expect(sellerDefaults([blank])).toEqual({});
    expect(sellerDefaults([])).toEqual({});
  });

  it('a draft’s details change (blank ones removed); an issued invoice’s do not', () => {
    const d = invoice({ clientId: acme.id, sellerTaxId: 'OLD' });
    const r = sellerPatch(d, { sellerName: ' Jo ', sellerTaxId: '' });
    expect(r).toEqual({
      ok: true,
      value: {
        id: d.id,
        patch: {
          sellerName: 'Jo',
          sellerAddress: undefined,
          sellerTaxId: undefined,
          paymentTerms: undefined,
        },
      },
    });
    const issued = invoice({ clientId: acme.id, status: 'issued' });
    expect(sellerPatch(issued, { sellerName: 'Jo' })).toEqual({
      ok: false,
      error: { kind: 'not-a-draft', status: 'issued' },
    });
  });
});
