// An invoice's lines as CSV, for a spreadsheet or an accounting import: one row per line, amounts
// as decimal strings with the currency in its own column, hours with two decimals, and the
// subtotal, tax and total rows after the lines (quoting by papaparse, RFC 4180).
import Papa from 'papaparse';
import { money, time } from '@tally/model';
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
