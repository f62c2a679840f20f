// The writes behind the bill editor's Save and Delete: a new category and the bill in one
// transaction; a deleted bill takes its month overrides, payments, payee rules and dismissed
// matches with it, and its bank transactions lose their link to it (they stay).
import type { Write } from '../store/store.ts';
import { definedFields, type BillFormOutput } from './form.ts';
import type { MatchDismissal, Override, PayeeRule, Payment, Transaction } from './types.ts';

/**
 * Creates (no `billId`) or updates a bill, creating its new category first when it has one. An
 * update writes only the fields that differ from `original` (the bill as the form opened it), so
 * a field another device changed meanwhile is not overwritten with the form's stale copy.
 */
export function saveBillWrites(
  output: BillFormOutput,
  ids: { billId?: string; newId: () => string; original?: Readonly<Record<string, unknown>> },
): { writes: Write[]; billId: string } {
  const writes: Write[] = [];
  let fields = output.fields;
  if (output.newCategory !== undefined) {
    const categoryId = ids.newId();
    writes.push({
      op: 'create',
      collection: 'categories',
      id: categoryId,
      data: { name: output.newCategory },
    });
    fields = { ...fields, categoryId };
  }
  if (ids.billId === undefined) {
    const billId = ids.newId();
    writes.push({ op: 'create', collection: 'bills', id: billId, data: definedFields(fields) });
    return { writes, billId };
  }
  const data = ids.original ? changedFields(fields, ids.original) : { ...fields };
  writes.push({ op: 'update', collection: 'bills', id: ids.billId, data });
  return { writes, billId: ids.billId };
}

/** The fields whose value differs from the original's (absent and undefined are the same). */
export function changedFields(
  fields: Readonly<Record<string, unknown>>,
  original: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(original[key] ?? null))
      changed[key] = value;
  }
  return changed;
}

export interface BillRelated {
  overrides: readonly Override[];
  payments: readonly Payment[];
  rules: readonly PayeeRule[];
  dismissals: readonly MatchDismissal[];
  transactions: readonly Transaction[];
}

export function deleteBillWrites(billId: string, related: BillRelated): Write[] {
  const remove = (collection: Write['collection'], records: readonly { id: string }[]): Write[] =>
    records.map((r) => ({ op: 'remove', collection, id: r.id }));
  return [
    ...remove('monthlyOverrides', related.overrides),
    ...remove('payments', related.payments),
    ...remove('payeeRules', related.rules),
    ...remove('billMatchDismissals', related.dismissals),
    ...related.transactions.map((t): Write => ({
      op: 'update',
      collection: 'transactions',
      id: t.id,
      data: { billId: undefined, paymentId: undefined },
    })),
    { op: 'remove', collection: 'bills', id: billId },
  ];
}
