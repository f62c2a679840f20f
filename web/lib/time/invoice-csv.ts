// Invoices as CSV. An invoice's lines, for a spreadsheet or an accounting import: one row per line, amounts
// as decimal strings with the currency in its own column, hours with two decimals, and the
// subtotal, tax and total rows after the lines; and the list of invoices with their totals
// (quoting by papaparse, RFC 4180).
import Papa from 'papaparse';
import { money, time } from '@tally/model';
import { isOverdue } from './invoicing.ts';
import { percentInput } from './parse.ts';
import type { Invoice, InvoiceLine } from './types.ts';

export function invoiceLinesCsv(
  invoice: Invoice,
  lines: readonly InvoiceLine[],
  clientName: string,
): string {
  const c = invoice.currency;
  const dec = (minor: number): string => money.toDecimalString(minor, c);
  const sorted = [...lines].sort((a, b) => a.order - b.order);
  const totals = time.invoices.invoiceTotals(sorted, invoice.taxBasisPoints, c);
  const row = (description: string, hours: string, rate: string, amount: string, entries = '') => [
    invoice.number,
    clientName,
    description,
    hours,
    rate,
    amount,
    c,
    entries,
  ];
  const data = [
    ...sorted.map((l) =>
      row(
        l.description,
        time.exporting.decimalHours(l.seconds),
        dec(l.rate),
        dec(l.amount),
        String(l.entryIds.length),
      ),
    ),
    row('Subtotal', '', '', dec(totals.subtotal)),
    row(`Tax ${percentInput(invoice.taxBasisPoints)} %`, '', '', dec(totals.tax)),
    row('Total', '', '', dec(totals.total)),
  ];
  return Papa.unparse({
    fields: ['Invoice', 'Client', 'Description', 'Hours', 'Rate', 'Amount', 'Currency', 'Entries'],
    data,
  });
}

/**
 * The invoice list as CSV, one row per invoice (for the accountant or a tax return): number,
 * client, dates, status (overdue when issued and past due on `today`), currency and totals.
 * Oldest first by issue date (a draft by its period's end), then number.
 */
export function invoicesCsv(
  invoices: readonly Invoice[],
  totals: ReadonlyMap<string, time.invoices.InvoiceTotals>,
  clientName: (clientId: string) => string,
  today: string,
): string {
  const sorted = [...invoices].sort(
    (a, b) =>
      (a.issueDate ?? a.periodEnd).localeCompare(b.issueDate ?? b.periodEnd) ||
      a.number.localeCompare(b.number),
  );
  const data = sorted.map((inv) => {
    const t =
      totals.get(inv.id) ?? time.invoices.invoiceTotals([], inv.taxBasisPoints, inv.currency);
    const dec = (minor: number): string => money.toDecimalString(minor, inv.currency);
    return [
      inv.number,
      clientName(inv.clientId),
      inv.issueDate ?? '',
      inv.dueDate ?? '',
      inv.periodStart,
      inv.periodEnd,
      isOverdue(inv, today) ? 'overdue' : inv.status,
      inv.currency,
      dec(t.subtotal),
      percentInput(inv.taxBasisPoints),
      dec(t.tax),
      dec(t.total),
    ];
  });
  return Papa.unparse({
    fields: [
      'Invoice',
      'Client',
      'Issued',
      'Due',
      'Period start',
      'Period end',
      'Status',
      'Currency',
      'Subtotal',
      'Tax %',
      'Tax',
      'Total',
    ],
    data,
  });
}
