// The invoice screens' glue around the model's invoices and numbering: the writes that save a
// draft (invoice, lines and the entries it bills, in one batch), issuing with a number that is
// still free, totals for the list, and sentences for what a draft left out.
import { dates, time } from '@tally/model';
import type { Write } from '../store/store.ts';
import type { Invoice, InvoiceLine } from './types.ts';
import { creates, updates } from './writes.ts';

/** The writes that save a draft; with `issue`, it is saved already issued. */
export function draftWrites(
  draft: time.invoices.InvoiceDraft,
  issue?: { today: string; dueInDays: number },
): Write[] {
  const invoice = issue
    ? {
        id: draft.invoice.id,
        input: {
          ...draft.invoice.input,
          status: 'issued' as const,
          issueDate: issue.today,
          dueDate: dates.addDays(issue.today, issue.dueInDays),
        },
      }
    : draft.invoice;
  return [
    ...creates('invoices', [invoice]),
    ...creates('invoiceLines', draft.lines),
    ...updates('timeEntries', draft.entryUpdates),
  ];
}

/**
 * Issuing a draft: its dates, and a new number when its own is taken by another invoice (another
 * device handed out the same one) or belongs to an earlier year than the issue date.
 */
export function issueUpdate(
  invoice: Invoice,
  all: readonly Invoice[],
  today: string,
  dueInDays: number,
): time.writes.Update<'invoices'> {
  const u = time.invoices.issueInvoice(invoice, today, dueInDays);
  const others = all.filter((i) => i.id !== invoice.id);
  const year = dates.parts(today).year;
  const parsed = time.numbering.parseNumber(invoice.number);
  const taken = others.some((i) => i.number.trim() === invoice.number.trim());
  if (taken || (parsed !== undefined && parsed.year !== year))
    return { id: u.id, patch: { ...u.patch, number: time.numbering.nextNumber(others, year) } };
  return u;
}

export function totalsByInvoice(
  invoices: readonly Invoice[],
  lines: readonly InvoiceLine[],
): Map<string, time.invoices.InvoiceTotals> {
  const byInvoice = new Map<string, InvoiceLine[]>();
  for (const line of lines)
    byInvoice.set(line.invoiceId, [...(byInvoice.get(line.invoiceId) ?? []), line]);
  return new Map(
    invoices.map((i) => [
      i.id,
      time.invoices.invoiceTotals(byInvoice.get(i.id) ?? [], i.taxBasisPoints, i.currency),
    ]),
  );
}

/** "2 entries are left out: 1 is still running, 1 has no hourly rate." */
export function describeSkipped(skipped: readonly time.invoices.Skipped[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const count = (reason: time.invoices.SkipReason): number =>
    skipped.filter((s) => s.reason === reason).length;
  const parts: string[] = [];
  const running = count('running');
  const noRate = count('no-rate');
  const other = count('other-currency');
  if (running) parts.push(`${running} ${running === 1 ? 'is' : 'are'} still running`);
  if (noRate)
    parts.push(
      `${noRate} ${noRate === 1 ? 'has' : 'have'} no hourly rate (set one on the project or client)`,
    );
  if (other) parts.push(`${other} ${other === 1 ? 'is' : 'are'} billed in another currency`);
  const n = skipped.length;
  return `${n} ${n === 1 ? 'entry is' : 'entries are'} left out: ${parts.join(', ')}.`;
}

export const statusLabels: Record<Invoice['status'], string> = {
  draft: 'Draft',
  issued: 'Issued',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

/** Issued and past its due date, unpaid. */
export function isOverdue(invoice: Invoice, today: string): boolean {
  return invoice.status === 'issued' && invoice.dueDate !== undefined && invoice.dueDate < today;
}
