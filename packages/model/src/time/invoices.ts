// Invoices from tracked time. A draft takes a client's billable entries that are not on an
// invoice yet and started (local day) inside the period, rounds each entry as reports do, and
// groups them into lines per project, per task or per entry. A line has one rate, so entries of
// one project at two rates make two lines. A line's amount is its hours × its rate, rounded once
// (what the client can check on paper); tax is taken once on the subtotal. Creating the draft
// marks its entries with the invoice id; cancelling or deleting frees them again.
import type { NewRecord } from '../collection.ts';
import * as dates from '../dates.ts';
import type { Ids } from '../ids.ts';
import * as money from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import {
  compareEntries,
  projectOf,
  taskOf,
  type Invoice,
  type InvoiceLine,
  type TimeEntry,
} from './catalog.ts';
import { nextNumber } from './numbering.ts';
import { measure, type Measure, type MeasureContext } from './reports.ts';
import type { Create, Update } from './writes.ts';

export type Grouping = Invoice['grouping'];

export interface Period {
  /** First day, inclusive. */
  start: dates.CalendarDate;
  /** Last day, inclusive. */
  end: dates.CalendarDate;
}

export type SkipReason = 'running' | 'no-rate' | 'other-currency';

export interface Skipped {
  entryId: string;
  reason: SkipReason;
}

export interface InvoiceTotals {
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
}

export interface DraftOptions {
  clientId: string;
  period: Period;
  grouping: Grouping;
  /** 19 % = 1900. */
  taxBasisPoints: number;
  /** Defaults to the client's currency, else the user's. */
  currency?: string;
  notes?: string;
  /** Who bills and the payment terms, printed on the invoice (see `sellerDefaults`). */
  seller?: SellerDetails;
  /** The user's today, for the number's year. */
  today: dates.CalendarDate;
  /** Every invoice the device has, for the next number. */
  invoices: readonly Pick<Invoice, 'number'>[];
  ids: Ids;
}

export interface InvoiceDraft {
  invoice: Create<'invoices'>;
  lines: Create<'invoiceLines'>[];
  /** Mark the invoiced entries. */
  entryUpdates: Update<'timeEntries'>[];
  totals: InvoiceTotals;
  /** Entries of the client in the period that are left out, and why. */
  skipped: Skipped[];
}

export type DraftError = { kind: 'nothing-to-invoice'; skipped: Skipped[] };

/** Billable entries of the client, not invoiced yet, that started on a local day in the period. */
export function unbilledEntries(
  entries: readonly TimeEntry[],
  clientId: string,
  period: Period,
  ctx: MeasureContext,
): TimeEntry[] {
  return entries
    .filter((e) => {
      if (!e.billable || e.invoiceId !== undefined) return false;
      if (projectOf(e, ctx.catalog)?.clientId !== clientId) return false;
      const day = dates.localDate(e.start, ctx.zone);
      return day >= period.start && day <= period.end;
    })
    .sort(compareEntries);
}

export function invoiceTotals(
  lines: readonly Pick<InvoiceLine, 'amount'>[],
  taxBasisPoints: number,
  currency: string,
): InvoiceTotals {
  const subtotal = money.sum(lines.map((l) => l.amount));
  const tax = money.percentOf(subtotal, taxBasisPoints);
  return { currency, subtotal, tax, total: subtotal + tax };
}

export function draftInvoice(
  entries: readonly TimeEntry[],
  options: DraftOptions,
  ctx: MeasureContext,
): Result<InvoiceDraft, DraftError> {
  const client = ctx.catalog.clients.get(options.clientId);
  const currency = options.currency ?? client?.currency ?? ctx.settings.currency;
  const skipped: Skipped[] = [];
  const billed: Measure[] = [];
  for (const entry of unbilledEntries(entries, options.clientId, options.period, ctx)) {
    const m = measure(entry, ctx);
    if (entry.end === undefined) skipped.push({ entryId: entry.id, reason: 'running' });
    else if (!m.rate) skipped.push({ entryId: entry.id, reason: 'no-rate' });
    else if (m.rate.currency !== currency)
      skipped.push({ entryId: entry.id, reason: 'other-currency' });
    else billed.push(m);
  }
  if (billed.length === 0) return err({ kind: 'nothing-to-invoice', skipped });

  const invoiceId = options.ids.next(ctx.now);
  const groups = new Map<string, { description: string; rate: number; items: Measure[] }>();
  for (const m of billed) {
    const rate = m.rate?.rate ?? 0;
    const { key, description } = lineKey(m.entry, options.grouping, rate, ctx);
    const group = groups.get(key) ?? { description, rate, items: [] };
    group.items.push(m);
    groups.set(key, group);
  }
  const ordered = [...groups.values()];
  if (options.grouping !== 'entry')
    ordered.sort((a, b) => compareText(a.description, b.description) || a.rate - b.rate);
  const lines: Create<'invoiceLines'>[] = ordered.map((g, order) => {
    const seconds = g.items.reduce((s, m) => s + m.roundedSeconds, 0);
    const input: NewRecord<'invoiceLines'> = {
      invoiceId,
      description: g.description.slice(0, 500),
      seconds,
      rate: g.rate,
      amount: money.amountForDuration(g.rate, seconds),
      entryIds: g.items.map((m) => m.entry.id),
      order,
    };
    return { id: options.ids.next(ctx.now), input };
  });
  const year = dates.parts(options.today).year;
  const invoice: Create<'invoices'> = {
    id: invoiceId,
    input: {
      number: nextNumber(options.invoices, year),
      clientId: options.clientId,
      periodStart: options.period.start,
      periodEnd: options.period.end,
      currency,
      taxBasisPoints: options.taxBasisPoints,
      status: 'draft',
      grouping: options.grouping,
      ...(options.notes !== undefined && { notes: options.notes }),
      ...sellerOf(options.seller ?? {}),
    },
  };
  return ok({
    invoice,
    lines,
    entryUpdates: billed.map((m) => ({ id: m.entry.id, patch: { invoiceId } })),
    totals: invoiceTotals(
      lines.map((l) => ({ amount: l.input.amount })),
      options.taxBasisPoints,
      currency,
    ),
    skipped,
  });
}

export const sellerFields = ['sellerName', 'sellerAddress', 'sellerTaxId', 'paymentTerms'] as const;
export type SellerField = (typeof sellerFields)[number];
export type SellerDetails = Partial<Record<SellerField, string>>;

/**
 * What a new invoice starts with: the details of the invoice created last that has any (ids
 * grow with creation time, on every device), so they are typed once and follow the user's
 * changes; cancelled invoices count too, their seller was still the user.
 */
export function sellerDefaults(
  invoices: readonly (Pick<Invoice, 'id'> & SellerDetails)[],
): SellerDetails {
  let latest: (Pick<Invoice, 'id'> & SellerDetails) | undefined;
  for (const inv of invoices) {
    if (Object.keys(sellerOf(inv)).length === 0) continue;
    if (!latest || inv.id > latest.id) latest = inv;
  }
  return latest ? sellerOf(latest) : {};
}

/**
 * The patch that sets an invoice's seller details from a form: each field trimmed, a blank one
 * removed. Only a draft changes: what was issued was sent as it is.
 */
export function sellerPatch(
  invoice: Pick<Invoice, 'id' | 'status'>,
  details: SellerDetails,
): Result<Update<'invoices'>, { kind: 'not-a-draft'; status: Invoice['status'] }> {
  if (invoice.status !== 'draft') return err({ kind: 'not-a-draft', status: invoice.status });
  const clean = sellerOf(details);
  const patch: Update<'invoices'>['patch'] = {};
  for (const field of sellerFields) patch[field] = clean[field];
  return ok({ id: invoice.id, patch });
}

/** The seller details an invoice prints, trimmed; blank ones left out. */
export function sellerOf(details: SellerDetails): SellerDetails {
  const out: SellerDetails = {};
  for (const field of sellerFields) {
    const value = details[field]?.trim();
    if (value) out[field] = value;
  }
  return out;
}

function lineKey(
  entry: TimeEntry,
  grouping: Grouping,
  rate: number,
  ctx: MeasureContext,
): { key: string; description: string } {
  const project = projectOf(entry, ctx.catalog);
  const projectName = project?.name ?? 'Other work';
  if (grouping === 'entry') {
    const day = dates.localDate(entry.start, ctx.zone);
    const what = entry.description.trim() || projectName;
    const where = entry.description.trim() && project ? ` (${project.name})` : '';
    return { key: entry.id, description: `${day} · ${what}${where}` };
  }
  if (grouping === 'task') {
    const task = taskOf(entry, ctx.catalog);
    return {
      key: `${entry.projectId ?? ''}/${task?.id ?? ''}/${rate}`,
      description: task ? `${projectName} – ${task.name}` : projectName,
    };
  }
  return { key: `${entry.projectId ?? ''}/${rate}`, description: projectName };
}

/** Issues a draft: it gets its dates and can no longer be renumbered automatically. */
export function issueInvoice(
  invoice: Invoice,
  today: dates.CalendarDate,
  dueInDays: number,
): Update<'invoices'> {
  return {
    id: invoice.id,
    patch: { status: 'issued', issueDate: today, dueDate: dates.addDays(today, dueInDays) },
  };
}

/**
 * Cancels an invoice and frees its entries for another one. The invoice stays (its number is
 * used: numbers are never handed out twice).
 */
export function cancelInvoice(
  invoice: Invoice,
  entries: readonly TimeEntry[],
): { invoice: Update<'invoices'>; entryUpdates: Update<'timeEntries'>[] } {
  return {
    invoice: { id: invoice.id, patch: { status: 'cancelled' } },
    entryUpdates: freeEntries(invoice.id, entries),
  };
}

/** Deletes a draft outright: its lines go and its entries are free again. */
export function deleteDraft(
  invoice: Invoice,
  lines: readonly InvoiceLine[],
  entries: readonly TimeEntry[],
): Result<
  { removeInvoiceId: string; removeLineIds: string[]; entryUpdates: Update<'timeEntries'>[] },
  { kind: 'not-a-draft'; status: Invoice['status'] }
> {
  if (invoice.status !== 'draft') return err({ kind: 'not-a-draft', status: invoice.status });
  return ok({
    removeInvoiceId: invoice.id,
    removeLineIds: lines.filter((l) => l.invoiceId === invoice.id).map((l) => l.id),
    entryUpdates: freeEntries(invoice.id, entries),
  });
}

function freeEntries(invoiceId: string, entries: readonly TimeEntry[]): Update<'timeEntries'>[] {
  return entries
    .filter((e) => e.invoiceId === invoiceId)
    .map((e) => ({ id: e.id, patch: { invoiceId: undefined } }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
